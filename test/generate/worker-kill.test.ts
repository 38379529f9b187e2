import { afterAll, beforeAll, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { resolveRequest } from "@/lib/generate/params";
import { getJob } from "@/lib/jobs/jobs";
import { enqueueJob, stopBoss } from "@/lib/jobs/queue";
import { useTestDatabase } from "../support/db";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai";
import { until, WorkerProcesses } from "../support/worker-process";
import { itemsOf, OPENAI_ENV, seedCorpus } from "./helpers";

let url: string;
let fake: FakeOpenAi;
let corpusId: number;
const workers = new WorkerProcesses();

beforeAll(async () => {
  url = await useTestDatabase();
  corpusId = await seedCorpus();
  fake = await startFakeOpenAi({ latencyMs: 80 });
});
afterAll(async () => {
  await workers.stopAll();
  await stopBoss();
  await fake.close();
});

const startWorker = () => workers.start(url, { env: OPENAI_ENV(fake.url) });

const succeededCount = async (jobId: number) =>
  (await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM generation_item WHERE job_id = $1 AND status = 'succeeded'`, [jobId])).rows[0]!.n;

it("a worker killed with SIGKILL mid-job is replaced: no item lost, none requested again after it succeeded, no pair duplicated", async () => {
  const COUNT = 40;
  const params = resolveRequest({ type: "single", count: COUNT, corpusId, seed: 11, provider: "openai", model: "gpt-4o-mini", concurrency: 3, backoffBaseMs: 5 }, { ...process.env, ...OPENAI_ENV(fake.url) });
  const jobId = await enqueueJob("generate", params);
  const first = startWorker();
  const atKill = await until("a third of the items", async () => { const n = await succeededCount(jobId); return n >= COUNT / 3 && n; });
  await workers.kill(first);
  expect(atKill).toBeLessThan(COUNT);

  startWorker();
  const job = await until("the job to finish", async () => { const j = await getJob(jobId); return j.status === "succeeded" && j; });

  const items = await itemsOf(jobId);
  expect(items).toHaveLength(COUNT);
  expect(items.every((i) => i.status === "succeeded" && i.pair_id !== null)).toBe(true);
  expect(new Set(items.map((i) => i.pair_id)).size).toBe(COUNT);
  const { rows } = await pool().query<{ pairs: number; evidence: number }>(
    `SELECT count(*)::int AS pairs, (SELECT count(*)::int FROM pair_evidence e JOIN pair p ON p.id = e.pair_id WHERE p.job_id = $1) AS evidence
     FROM pair WHERE job_id = $1`, [jobId]);
  expect(rows[0]).toEqual({ pairs: COUNT, evidence: COUNT });
  // The server saw every item, and nothing for an item after that item had succeeded.
  for (const item of items) {
    const seen = fake.requests.filter((r) => r.key === item.key);
    expect(seen.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(seen.filter((r) => r.at > item.updated_at.getTime() + 5)).toEqual([]);
  }
  // Only items in flight at the kill, or answered but not yet committed (each at most the concurrency), were sent twice.
  expect(fake.requests.length - COUNT).toBeLessThanOrEqual(2 * 3);
  expect(job.result).toMatchObject({ requested: COUNT, succeeded: COUNT, failed: 0 });
});
