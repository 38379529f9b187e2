import { afterAll, beforeAll, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai";
import { itemsOf, pairCount, runGeneration, seedCorpus } from "./helpers";

let fake: FakeOpenAi;
let corpusId: number;

beforeAll(async () => {
  await useTestDatabase();
  corpusId = await seedCorpus();
  fake = await startFakeOpenAi({ batchPolls: 2 });
  Object.assign(process.env, { OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: fake.url });
});
afterAll(() => fake.close());

it("batch mode uploads a JSONL, polls the batch, maps results by custom_id, and asks invalid replies again in a second batch", async () => {
  let malformedKey = "";
  let failingKey = "";
  fake.script = (key, n) => {
    malformedKey ||= key;
    if (key === malformedKey && n === 0) return { kind: "malformed" };
    if (!failingKey && key !== malformedKey) failingKey = key;
    if (key === failingKey) return { kind: "violation" };
    return undefined;
  };
  const job = await runGeneration({ type: "multi", count: 6, corpusId, seed: 4, provider: "openai", model: "gpt-4o-mini", mode: "batch", batchPollMs: 10, maxInvalid: 2 });
  expect(job.status).toBe("succeeded");
  const items = await itemsOf(job.id);
  expect(fake.requests.every((r) => r.via === "batch")).toBe(true);
  const byId = new Map(items.map((i) => [`item-${i.id}`, i]));
  const malformed = byId.get(malformedKey)!;
  expect(malformed).toMatchObject({ status: "succeeded", attempts: 2 });
  const failing = byId.get(failingKey)!;
  expect(failing.status).toBe("failed");
  expect(failing.error).toMatch(/schema violation.*after 3 batch attempts/);
  expect(failing.raw_response).toContain(`"answer":""`);
  expect(items.filter((i) => i.status === "succeeded")).toHaveLength(items.length - 1);
  expect(await pairCount(job.id)).toBe(items.length - 1);
  // three batches: all items, then the two invalid ones, then the one still invalid
  expect(new Set(fake.requests.map((r) => r.key)).size).toBe(items.length);
  expect(fake.requests).toHaveLength(items.length + 2 + 1);
  // batch pricing is half the online price
  const { rows } = await pool().query<{ c: number; pt: number; ct: number }>(
    `SELECT sum(cost_usd)::float8 AS c, sum(prompt_tokens)::int AS pt, sum(completion_tokens)::int AS ct FROM generation_item WHERE job_id = $1`, [job.id]);
  expect(rows[0]!.c).toBeCloseTo(((rows[0]!.pt * 0.15 + rows[0]!.ct * 0.6) / 1e6) / 2, 12);
});
