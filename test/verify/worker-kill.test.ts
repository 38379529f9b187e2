import { afterAll, beforeAll, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { getJob } from "@/lib/jobs/jobs";
import { enqueueJob, stopBoss } from "@/lib/jobs/queue";
import { resolveVerifyRequest } from "@/lib/verify/params";
import { useTestDatabase } from "../support/db";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai";
import { until, WorkerProcesses } from "../support/worker-process";
import { OPENAI_ENV, runGeneration, seedCorpus } from "../generate/helpers";

let url: string;
let fake: FakeOpenAi;
let genJob: number;
const workers = new WorkerProcesses();

beforeAll(async () => {
  url = await useTestDatabase();
  const corpusId = await seedCorpus("verify-kill");
  genJob = (await runGeneration({ type: "single", count: 50, corpusId, seed: 2, provider: "offline" })).id;
  fake = await startFakeOpenAi({ latencyMs: 60, script: () => ({ kind: "ok", content: JSON.stringify({ answerable: false, answer: "" }) }) });
});
afterAll(async () => {
  await workers.stopAll();
  await stopBoss();
  await fake.close();
});

const startWorker = () => workers.start(url, { env: OPENAI_ENV(fake.url) });

const count = async (sql: string, args: unknown[]) => (await pool().query<{ n: number }>(sql, args)).rows[0]!.n;

it("a verifying worker killed with SIGKILL is replaced: every pair verified once, no check stored twice, nothing asked after its pair was stored", async () => {
  const pairs = await count(`SELECT count(*)::int AS n FROM pair WHERE job_id = $1`, [genJob]);
  expect(pairs).toBeGreaterThanOrEqual(12);
  const params = resolveVerifyRequest({ jobId: genJob, provider: "openai", model: "gpt-4o-mini", concurrency: 3, backoffBaseMs: 5 }, { ...process.env, ...OPENAI_ENV(fake.url) });
  const jobId = await enqueueJob("verify", params);
  const first = startWorker();
  const succeeded = () => count(`SELECT count(*)::int AS n FROM verification_item WHERE job_id = $1 AND status = 'succeeded'`, [jobId]);
  const atKill = await until("a third of the pairs", async () => { const n = await succeeded(); return n >= pairs / 3 && n; });
  await workers.kill(first);
  expect(atKill).toBeLessThan(pairs);

  startWorker();
  const job = await until("the job to finish", async () => { const j = await getJob(jobId); return j.status === "succeeded" && j; });
  expect(job.result).toMatchObject({ requested: pairs, verified: pairs, failed: 0 });

  const { rows: items } = await pool().query<{ id: number; pair_id: number; status: string; updated_at: Date; checks: number }>(
    `SELECT i.id, i.pair_id, i.status, i.updated_at, (SELECT count(*)::int FROM pair_check c WHERE c.item_id = i.id) AS checks
     FROM verification_item i WHERE i.job_id = $1 ORDER BY i.id`, [jobId]);
  expect(items).toHaveLength(pairs);
  // each pair: exactly its two checks (closed-book, evidence-only) — none lost, none duplicated — and a verdict
  expect(items.every((i) => i.status === "succeeded" && i.checks === 2)).toBe(true);
  expect(await count(`SELECT count(*)::int AS n FROM pair WHERE job_id = $1 AND verification IS NOT NULL`, [genJob])).toBe(pairs);
  for (const item of items) {
    const seen = fake.requests.filter((r) => r.key.startsWith(`verify-${item.id}|`));
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.filter((r) => r.at > item.updated_at.getTime() + 5)).toEqual([]);
  }
  // only the pairs in flight at the kill (at most the concurrency, two checks each) were asked twice
  expect(fake.requests.length - 2 * pairs).toBeLessThanOrEqual(2 * 3);
});
