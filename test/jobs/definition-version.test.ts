import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { pool } from "@/lib/db/client";
import { defineJob } from "@/lib/jobs/define";
import { getJob } from "@/lib/jobs/jobs";
import { enqueueJob, stopBoss } from "@/lib/jobs/queue";
import { runJob } from "@/lib/jobs/runner";
import { useTestDatabase } from "../support/db";

/** JobDefinition.version across upgrades: the job row keeps the version it was enqueued under. */
const versioned = defineJob({
  kind: "test-versioned",
  version: 3,
  acceptsFrom: 2,
  params: z.object({ n: z.number().int() }),
  async run(ctx, p) {
    const { rows } = await pool().query<{ done: number }>(`SELECT done FROM job WHERE id = $1`, [ctx.jobId]);
    for (let i = rows[0]!.done; i < p.n; i++) await ctx.progress({ done: i + 1, total: p.n });
    return { resumedFrom: rows[0]!.done };
  },
});

async function jobAt(version: number | null, done = 0): Promise<number> {
  const { rows } = await pool().query<{ id: number }>(
    `INSERT INTO job (kind, params, done, definition_version) VALUES ($1, '{"n": 4}', $2, $3) RETURNING id`,
    [versioned.kind, done, version]);
  return rows[0]!.id;
}
const storedVersion = async (id: number) =>
  (await pool().query<{ v: number | null }>(`SELECT definition_version AS v FROM job WHERE id = $1`, [id])).rows[0]!.v;

beforeAll(async () => {
  await useTestDatabase();
});

afterAll(async () => {
  await stopBoss();
});

describe("job definition version", () => {
  it("is recorded on the job row at enqueue, and the job runs", async () => {
    const id = await enqueueJob(versioned.kind, { n: 4 });
    expect(await storedVersion(id)).toBe(3);
    expect(await runJob(id, "w-test")).toEqual({ status: "succeeded" });
    expect(await getJob(id)).toMatchObject({ status: "succeeded", done: 4 });
  });

  it("resumes a job of an older version the definition still accepts, from its recorded steps", async () => {
    const id = await jobAt(2, 3);
    expect(await runJob(id, "w1")).toEqual({ status: "succeeded" });
    expect(await getJob(id)).toMatchObject({ status: "succeeded", done: 4, result: { resumedFrom: 3 } });
    expect(await storedVersion(id)).toBe(2);
  });

  it("fails a job whose version the definition no longer accepts, with an error that says what to do", async () => {
    const id = await jobAt(1, 2);
    const outcome = await runJob(id, "w1");
    expect(outcome.status).toBe("failed");
    const job = await getJob(id);
    expect(job.status).toBe("failed");
    expect(job.error).toBe(
      "this test-versioned job was started by version 1 of its definition; this worker runs version 3, " +
      "which resumes versions 2–3 only (its recorded steps changed). Start a new test-versioned job.");
    expect(job.done).toBe(2); // nothing ran
  });

  it("leaves a job enqueued by a newer version untouched for an upgraded worker", async () => {
    const id = await jobAt(4);
    const lines: string[] = [];
    expect(await runJob(id, "w1", (l) => lines.push(l))).toEqual({ status: "skipped" });
    expect(await getJob(id)).toMatchObject({ status: "queued", done: 0, error: null, startedAt: null });
    expect(lines.join("\n")).toMatch(/version 4 is newer than this worker's \(3\)/);
  });

  it("stamps the claiming worker's version on a job enqueued before versions were recorded", async () => {
    const id = await jobAt(null);
    expect(await runJob(id, "w1")).toEqual({ status: "succeeded" });
    expect(await storedVersion(id)).toBe(3);
  });
});
