import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { PROMPT_VERSION } from "@/lib/generate/prompts";
import { useTestDatabase } from "../support/db";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai";
import { itemsOf, pairCount, rerun, runGeneration, seedCorpus } from "./helpers";

let fake: FakeOpenAi;
let corpusId: number;
const base = { provider: "openai" as const, model: "gpt-4o-mini", backoffBaseMs: 5, timeoutMs: 400 };

beforeAll(async () => {
  await useTestDatabase();
  corpusId = await seedCorpus();
  fake = await startFakeOpenAi();
  process.env.OPENAI_API_KEY = "test-key";
  process.env.OPENAI_BASE_URL = fake.url;
});
afterAll(() => fake.close());

describe("online generation through the openai SDK", () => {
  it("stores one pair per item with provider, model, prompt version, raw response, usage, cost and quality flags", async () => {
    fake.script = () => undefined;
    const job = await runGeneration({ ...base, type: "single", count: 12, corpusId, seed: 1, concurrency: 3 });
    expect(job.status).toBe("succeeded");
    const items = await itemsOf(job.id);
    expect(items).toHaveLength(12);
    expect(items.every((i) => i.status === "succeeded" && i.pair_id !== null && i.prompt_tokens > 0 && i.cost_usd > 0)).toBe(true);
    expect(await pairCount(job.id)).toBe(12);
    const { rows } = await pool().query(`SELECT provider, model, prompt_version, original, quality_flags, status FROM pair WHERE job_id = $1`, [job.id]);
    for (const r of rows) {
      expect(r).toMatchObject({ provider: "openai", model: "gpt-4o-mini", prompt_version: PROMPT_VERSION, status: "pending" });
      expect(r.original.response.object).toBe("chat.completion");
      expect(Array.isArray(r.quality_flags)).toBe(true);
    }
    expect(job.result).toMatchObject({ requested: 12, succeeded: 12, failed: 0 });
  });

  it("honours 429 Retry-After, retries 500s and timeouts, and still stores each pair once", async () => {
    const seen: Record<string, number> = {};
    fake.script = (key, n) => {
      seen[key] = n + 1;
      if (n === 0) return { kind: "status", status: 429, retryAfter: "0.05" };
      if (n === 1) return { kind: "status", status: 503 };
      if (n === 2) return { kind: "hang" };
      return undefined;
    };
    const job = await runGeneration({ ...base, type: "single", count: 4, corpusId, seed: 2, concurrency: 2 });
    expect(job.status).toBe("succeeded");
    const items = await itemsOf(job.id);
    expect(items.map((i) => [i.status, i.attempts])).toEqual(items.map(() => ["succeeded", 4]));
    for (const i of items) expect(seen[i.key]).toBe(4);
    expect(await pairCount(job.id)).toBe(4);
  });

  it("gives up after the retry limit and records the reason, never an empty pair", async () => {
    fake.script = () => ({ kind: "status", status: 500 });
    const job = await runGeneration({ ...base, type: "single", count: 2, corpusId, seed: 3, maxRetries: 2 });
    expect(job.status).toBe("succeeded");
    const items = await itemsOf(job.id);
    expect(items.every((i) => i.status === "failed" && /HTTP 500.*gave up after 3 attempts/.test(i.error ?? ""))).toBe(true);
    expect(await pairCount(job.id)).toBe(0);
    expect(job.failed).toBe(2);
  });

  it("retries malformed and schema-violating replies, then records the failure with the raw reply", async () => {
    let firstKey = "";
    fake.script = (key, n) => {
      firstKey ||= key;
      if (key === firstKey) return { kind: "malformed" };
      return n === 0 ? { kind: "violation" } : undefined;
    };
    const job = await runGeneration({ ...base, type: "single", count: 3, corpusId, seed: 4, concurrency: 1, maxInvalid: 2 });
    const items = await itemsOf(job.id);
    const bad = items.find((i) => i.key === firstKey)!;
    expect(bad).toMatchObject({ status: "failed", attempts: 3 });
    expect(bad.error).toMatch(/malformed JSON/);
    expect(bad.raw_response).toContain(`{"question": "What happened`);
    expect(bad.pair_id).toBeNull();
    expect(items.filter((i) => i.key !== firstKey).map((i) => [i.status, i.attempts])).toEqual([["succeeded", 2], ["succeeded", 2]]);
    expect(await pairCount(job.id)).toBe(2);
  });

  it("fails the job at once on a bad key (401) instead of failing every item", async () => {
    fake.script = () => ({ kind: "status", status: 401 });
    const job = await runGeneration({ ...base, type: "single", count: 5, corpusId, seed: 5 });
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/HTTP 401/);
    expect(fake.requests.filter((r) => r.status === 401).length).toBeLessThanOrEqual(4);
  });

  it("writes multi-hop pairs over consecutive pieces of one document and needs at least two pieces", async () => {
    fake.script = () => undefined;
    const job = await runGeneration({ ...base, type: "multi", count: 5, corpusId, seed: 6 });
    expect(job.status).toBe("succeeded");
    const { rows } = await pool().query<{ pair_id: number; n: number; docs: number; idx: number[] }>(
      `SELECT e.pair_id, count(*)::int AS n, count(DISTINCT e.document_id)::int AS docs, array_agg(s.index ORDER BY e.piece) AS idx
       FROM pair p JOIN pair_evidence e ON e.pair_id = p.id JOIN segment s ON s.id = e.segment_id WHERE p.job_id = $1 GROUP BY e.pair_id`, [job.id]);
    expect(rows.length).toBe(job.total);
    for (const r of rows) {
      expect(r.n).toBeGreaterThanOrEqual(2);
      expect(r.n).toBeLessThanOrEqual(8);
      expect(r.docs).toBe(1);
      expect(r.idx).toEqual(r.idx.map((_, k) => r.idx[0]! + k));
    }
  });

  it("never requests a finished item again when the job runs a second time", async () => {
    fake.script = () => undefined;
    const job = await runGeneration({ ...base, type: "single", count: 6, corpusId, seed: 7 });
    const before = fake.requests.length;
    const again = await rerun(job.id);
    expect(again.status).toBe("succeeded");
    expect(fake.requests.length).toBe(before);
    expect(await pairCount(job.id)).toBe(6);
  });
});
