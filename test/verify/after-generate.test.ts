import { afterAll, beforeAll, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { getJob } from "@/lib/jobs/jobs";
import { stopBoss } from "@/lib/jobs/queue";
import { runJob } from "@/lib/jobs/runner";
import { useTestDatabase } from "../support/db";
import { rerun, runGeneration, seedCorpus } from "../generate/helpers";

let corpusId: number;
beforeAll(async () => {
  await useTestDatabase();
  corpusId = await seedCorpus("verify-after");
});
afterAll(() => stopBoss());

it("\"verify after generating\" queues one verification job for the new pairs (once, even if the generation job runs again)", async () => {
  const gen = await runGeneration({ type: "single", count: 10, corpusId, seed: 3, provider: "offline", verifyAfter: true });
  expect(gen.status).toBe("succeeded");
  const jobs = async () => (await pool().query<{ id: number; params: { jobId: number; provider: string } }>(
    `SELECT id, params FROM job WHERE kind = 'verify' ORDER BY id`)).rows;
  const queued = await jobs();
  expect(queued).toHaveLength(1);
  expect(queued[0]!.params).toMatchObject({ jobId: gen.id, provider: "offline" });
  await rerun(gen.id);
  expect(await jobs()).toHaveLength(1);

  await runJob(queued[0]!.id, "test-worker");
  const v = await getJob(queued[0]!.id);
  const pairs = (await pool().query<{ n: number; verified: number }>(
    `SELECT count(*)::int AS n, count(verification)::int AS verified FROM pair WHERE job_id = $1`, [gen.id])).rows[0]!;
  expect(pairs.n).toBeGreaterThan(0);
  expect(v.result).toMatchObject({ requested: pairs.n, verified: pairs.n });
  expect(pairs.verified).toBe(pairs.n);
});
