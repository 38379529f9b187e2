import { afterAll, beforeAll, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { createJobRow } from "@/lib/generate/job-row";
import { resolveRequest } from "@/lib/generate/params";
import { cancelJob, getJob } from "@/lib/jobs/jobs";
import { runJob } from "@/lib/jobs/runner";
import { useTestDatabase } from "../support/db";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai";
import { itemsOf, pairCount, rerun, seedCorpus } from "./helpers";

let fake: FakeOpenAi;
let corpusId: number;

beforeAll(async () => {
  await useTestDatabase();
  corpusId = await seedCorpus();
  fake = await startFakeOpenAi({ latencyMs: 150 });
  Object.assign(process.env, { OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: fake.url });
});
afterAll(() => fake.close());

it("cancel stops a running job between items, leaves the rest pending, and resume finishes it without repeating finished items", async () => {
  const id = await createJobRow(resolveRequest({ type: "single", count: 10, corpusId, seed: 8, provider: "openai", model: "gpt-4o-mini", concurrency: 1 }));
  const run = runJob(id, "test-worker");
  for (;;) {
    const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM generation_item WHERE job_id = $1 AND status = 'succeeded'`, [id]);
    if (rows[0]!.n >= 2) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await cancelJob(id);
  expect(await run).toMatchObject({ status: "cancelled" });
  const items = await itemsOf(id);
  const done = items.filter((i) => i.status === "succeeded");
  expect(done.length).toBeLessThan(10);
  expect(items.filter((i) => i.status !== "succeeded").every((i) => i.status === "pending")).toBe(true);
  expect((await getJob(id)).status).toBe("cancelled");

  const again = await rerun(id);
  expect(again.status).toBe("succeeded");
  expect(await pairCount(id)).toBe(10);
  const doneKeys = new Set(done.map((i) => i.key));
  const cancelledAt = Math.max(...done.map((i) => i.updated_at.getTime()));
  expect(fake.requests.filter((r) => doneKeys.has(r.key) && r.at > cancelledAt + 5)).toEqual([]);
});
