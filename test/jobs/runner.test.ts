import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { pool } from "@/lib/db/client";
import { defineJob } from "@/lib/jobs/define";
import { cancelJob, getJob, resumeJob } from "@/lib/jobs/jobs";
import { stopBoss } from "@/lib/jobs/queue";
import { runJob } from "@/lib/jobs/runner";
import { useTestDatabase } from "../support/db";

/** Jobs: claimed under a lease, progress recorded, failures kept with their message, cancel and resume. */
const steps = defineJob({
  kind: "test-steps",
  version: 1,
  params: z.object({ n: z.number().int(), failAt: z.number().int().optional(), waitForCancel: z.boolean().optional() }),
  async run(ctx, p) {
    const { rows } = await pool().query<{ done: number }>(`SELECT done FROM job WHERE id = $1`, [ctx.jobId]);
    for (let i = rows[0]!.done; i < p.n; i++) {
      if (ctx.cancelled()) return { stoppedAt: i };
      if (i === p.failAt) throw new Error(`step ${i} broke`);
      await ctx.progress({ done: i + 1, total: p.n });
      if (p.waitForCancel) await new Promise((r) => setTimeout(r, 100));
    }
    return { finished: p.n };
  },
});

async function createJob(params: object): Promise<number> {
  const { rows } = await pool().query<{ id: number }>(`INSERT INTO job (kind, params) VALUES ($1, $2) RETURNING id`, [steps.kind, JSON.stringify(params)]);
  return rows[0]!.id;
}

beforeAll(async () => {
  await useTestDatabase();
});

afterAll(async () => {
  await stopBoss();
});

describe("job runner", () => {
  it("runs a job to the end and records progress and result", async () => {
    const id = await createJob({ n: 5 });
    expect(await runJob(id, "w1")).toEqual({ status: "succeeded" });
    const job = await getJob(id);
    expect(job).toMatchObject({ status: "succeeded", done: 5, total: 5, result: { finished: 5 }, error: null });
    expect(job.finishedAt).not.toBeNull();
  });

  it("keeps a failure's message, and a resumed job continues from its recorded progress", async () => {
    const id = await createJob({ n: 6, failAt: 3 });
    expect(await runJob(id, "w1")).toEqual({ status: "failed", error: "step 3 broke" });
    expect(await getJob(id)).toMatchObject({ status: "failed", done: 3, error: "step 3 broke" });
    await pool().query(`UPDATE job SET params = '{"n": 6}' WHERE id = $1`, [id]);
    expect((await resumeJob(id)).status).toBe("queued");
    await expect(resumeJob(id)).rejects.toThrow(/not failed or cancelled/);
    expect(await runJob(id, "w2")).toEqual({ status: "succeeded" });
    expect(await getJob(id)).toMatchObject({ done: 6, result: { finished: 6 } });
  });

  it("refuses invalid params with a clear error instead of running", async () => {
    const id = await createJob({ n: "many" });
    const out = await runJob(id, "w1");
    expect(out.status).toBe("failed");
    expect(out.error).toMatch(/^invalid params/);
  });

  it("does not let a second worker take a job whose worker is alive, but takes over from a dead one", async () => {
    const id = await createJob({ n: 2 });
    await pool().query(`UPDATE job SET status = 'running', locked_by = 'alive', heartbeat_at = now() WHERE id = $1`, [id]);
    expect(await runJob(id, "other")).toEqual({ status: "skipped" });
    await pool().query(`UPDATE job SET heartbeat_at = now() - interval '10 minutes' WHERE id = $1`, [id]);
    expect(await runJob(id, "other")).toEqual({ status: "succeeded" });
  });

  it("stops a running job when a user cancels it", async () => {
    const id = await createJob({ n: 1000, waitForCancel: true });
    const running = runJob(id, "w1");
    await new Promise((r) => setTimeout(r, 300));
    expect((await cancelJob(id)).status).toBe("cancelling");
    const out = await running;
    expect(out.status).toBe("cancelled");
    const job = await getJob(id);
    expect(job.status).toBe("cancelled");
    expect(job.done).toBeLessThan(1000);
  });

  it("cancels a queued job at once", async () => {
    const id = await createJob({ n: 1 });
    expect((await cancelJob(id)).status).toBe("cancelled");
    expect(await runJob(id, "w1")).toEqual({ status: "skipped" });
  });
});
