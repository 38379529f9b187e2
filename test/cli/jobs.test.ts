import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/queue";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { runCli } from "../support/cli";
import { useTestDatabase } from "../support/db";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai";
import { OPENAI_ENV, seedCorpus } from "../generate/helpers";

/** `in2 jobs …` and `in2 generate --resume` on the local database, with the documented exit codes. */
let fake: FakeOpenAi;
let worker: Worker | undefined;
// while `failFirst` is on, the first two items the fake sees get malformed replies on every attempt
let failFirst = false;
const failing = new Set<string>();

beforeAll(async () => {
  await useTestDatabase();
  await seedCorpus("jobs-cli");
  fake = await startFakeOpenAi({
    script: (key) => {
      if (!failFirst) return undefined;
      if (failing.size < 2) failing.add(key);
      return failing.has(key) ? { kind: "malformed" } : undefined;
    },
  });
});
afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await fake.close();
});

interface Job { id: number; kind: string; status: string; done: number; total: number; failed: number }

describe("in2 jobs", { timeout: 300_000 }, () => {
  let cancelled: number;

  it("cancels a queued job; `jobs wait` on it exits 3 and still prints the job; --resume continues it", async () => {
    const queued = await runCli(["generate", "--type", "single", "--count", "3", "--corpus", "jobs-cli", "--seed", "2", "--provider", "offline"]);
    expect(queued.code, queued.stderr).toBe(0);
    cancelled = (queued.json as { job_id: number }).job_id;
    const cancel = await runCli(["jobs", "cancel", String(cancelled)]);
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(cancel.json).toMatchObject({ id: cancelled, status: "cancelled" });

    const wait = await runCli(["jobs", "wait", String(cancelled)]);
    expect(wait.code).toBe(3);
    expect(wait.json).toMatchObject({ id: cancelled, kind: "generate", status: "cancelled" });
    expect(wait.stderr).toMatch(new RegExp(`generate #${cancelled} cancelled: 0/3`));
    expect(wait.stderr).toMatch(new RegExp(`in2 jobs: generate #${cancelled} ended cancelled`));

    const resumed = await runCli(["generate", "--resume", String(cancelled), "--wait"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    // the offline generator gives up on segments it cannot make a cloze question from: those count as failed items
    const r = resumed.json as { job_id: number; status: string; succeeded: number; failed: number };
    expect(r).toMatchObject({ job_id: cancelled, status: "succeeded" });
    expect(r.succeeded + r.failed).toBe(3);

    const logs = await runCli(["jobs", "logs", String(cancelled)]);
    expect(logs.code, logs.stderr).toBe(0);
    expect((logs.json as { events: { status: string }[] }).events.map((e) => e.status))
      .toEqual(["queued", "cancelled", "queued", "running", "succeeded"]);
    expect(logs.stderr).toMatch(/cancelled/);
  });

  it("lists by kind and status, pages with --before, and refuses bad input with exit 2 or an unknown job with exit 1", async () => {
    await pool().query(`INSERT INTO job (kind, status, error) VALUES ('export', 'failed', 'disk full')`);
    const failed = await runCli(["jobs", "list", "--status", "failed"]);
    expect(failed.code, failed.stderr).toBe(0);
    expect((failed.json as { jobs: Job[] }).jobs).toEqual([expect.objectContaining({ kind: "export", status: "failed", error: "disk full" })]);
    const gen = await runCli(["jobs", "list", "--kind", "generate", "--limit", "1"]);
    expect((gen.json as { jobs: Job[]; next_before: number | null })).toMatchObject({ jobs: [{ id: cancelled, kind: "generate" }], next_before: cancelled });
    const older = await runCli(["jobs", "list", "--kind", "generate", "--before", String(cancelled)]);
    expect(older.json).toEqual({ jobs: [], next_before: null });

    const exportJob = (failed.json as { jobs: Job[] }).jobs[0]!.id;
    const notGenerate = await runCli(["generate", "--resume", String(exportJob)]);
    expect(notGenerate.code).toBe(2);
    expect(notGenerate.stderr).toMatch(/is an export job, not a generation job/);
    for (const args of [["jobs", "list", "--status", "done"], ["jobs", "show", "x"], ["generate", "--resume", "1", "--type", "multi"]]) {
      const r = await runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
    }
    const missing = await runCli(["jobs", "show", "999999"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/job 999999 does not exist/);
  });

  it("logs list failed items with their reason; retry queues them again and a worker finishes them", async () => {
    failFirst = true;
    const gen = await runCli(["generate", "--type", "single", "--count", "4", "--corpus", "jobs-cli", "--seed", "9", "--provider", "openai",
      "--model", "gpt-4o-mini", "--concurrency", "1", "--wait"], OPENAI_ENV(fake.url));
    expect(gen.code, gen.stderr).toBe(0);
    expect(gen.json).toMatchObject({ status: "succeeded", requested: 4, succeeded: 2, failed: 2 });
    const jobId = (gen.json as { job_id: number }).job_id;
    failFirst = false;

    const logs = await runCli(["jobs", "logs", String(jobId)]);
    expect(logs.code, logs.stderr).toBe(0);
    const failedItems = (logs.json as { failed_items: { error: string; segment_ids: number[] }[] }).failed_items;
    expect(failedItems).toHaveLength(2);
    expect(failedItems.every((i) => i.error.length > 0 && i.segment_ids.length === 1)).toBe(true);
    expect(logs.stderr).toMatch(/item \d+ \[\d+\] failed after \d+ attempts: /);

    const retry = await runCli(["jobs", "retry", String(jobId)]);
    expect(retry.code, retry.stderr).toBe(0);
    expect(retry.json).toEqual({ job_id: jobId, retried: 2 });
    const again = await runCli(["jobs", "retry", String(jobId)]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/still queued/);

    Object.assign(process.env, OPENAI_ENV(fake.url));
    worker = await startWorker({ concurrency: 1 });
    const wait = await runCli(["jobs", "wait", String(jobId)]);
    expect(wait.code, wait.stderr).toBe(0);
    expect(wait.json).toMatchObject({ id: jobId, status: "succeeded" });
    expect(wait.stderr).toMatch(new RegExp(`generate #${jobId} succeeded`));
    const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM generation_item WHERE job_id = $1 AND status = 'succeeded'`, [jobId]);
    expect(rows[0]!.n).toBe(4);
  });
});
