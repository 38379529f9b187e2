import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { estimateGeneration } from "@/lib/generate/estimate";
import { setBudget } from "@/lib/generate/job-row";
import { resolveRequest } from "@/lib/generate/params";
import { maxCompletionTokens, promptOverheadTokens } from "@/lib/generate/prompts";
import { walkStart } from "@/lib/random/seeded-walk";
import { useTestDatabase } from "../support/db";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai";
import { itemsOf, pairCount, rerun, runGeneration, seedCorpus } from "./helpers";

let fake: FakeOpenAi;
let corpusId: number;
// A made-up model at $1,000 per million tokens both ways makes a few items cost cents.
const PRICES = JSON.stringify({ "pricey-model": { input: 1000, output: 1000 } });
const base = { provider: "openai" as const, model: "pricey-model", backoffBaseMs: 5 };

beforeAll(async () => {
  await useTestDatabase();
  corpusId = await seedCorpus();
  fake = await startFakeOpenAi();
  Object.assign(process.env, { OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: fake.url, IN2_PRICE_TABLE: PRICES });
});
afterAll(async () => {
  delete process.env.IN2_PRICE_TABLE;
  await fake.close();
});

describe("cost estimate", () => {
  it("adds the segments' token counts, the instructions and the completion cap, priced from the table", async () => {
    const p = resolveRequest({ ...base, type: "single", count: 10, corpusId, seed: 9 });
    const e = await estimateGeneration(p);
    const { rows } = await pool().query<{ tokens: number }>(
      `SELECT s.token_count AS tokens FROM segment s JOIN document d ON d.id = s.document_id WHERE s.corpus_id = $1
       ORDER BY s.key_hash < $2::bigint, s.key_hash, (d.sha256 || ':' || s.index) COLLATE "C" LIMIT 10`, [corpusId, String(walkStart(9))]);
    const segTokens = rows.reduce((a, r) => a + r.tokens, 0);
    expect(e.items).toBe(10);
    expect(e.promptTokens).toBe(segTokens + 10 * promptOverheadTokens("single", 1));
    expect(e.completionTokens).toBe(10 * maxCompletionTokens("single"));
    expect(e.costUsd).toBeCloseTo((e.promptTokens + e.completionTokens) * 1000 / 1e6, 9);
    const batch = await estimateGeneration(resolveRequest({ ...base, type: "single", count: 10, corpusId, seed: 9, mode: "batch" }));
    expect(batch.costUsd).toBeCloseTo(e.costUsd! / 2, 9);
    expect((await estimateGeneration(resolveRequest({ ...base, model: "unknown-model", type: "single", count: 3, corpusId }))).costUsd).toBeNull();
  });

  it("leaves out contaminated documents and segments that already have an item", async () => {
    const all = await estimateGeneration(resolveRequest({ ...base, type: "single", count: 100_000, corpusId }));
    await pool().query(`UPDATE document SET contaminated = true WHERE id = (SELECT min(id) FROM document WHERE corpus_id = $1 AND segment_count >= 2)`, [corpusId]);
    const { rows } = await pool().query<{ n: number }>(`SELECT segment_count AS n FROM document WHERE contaminated`);
    const clean = await estimateGeneration(resolveRequest({ ...base, type: "single", count: 100_000, corpusId }));
    expect(clean.items).toBe(all.items - rows[0]!.n);
    expect(clean.short).toBe(true);
    await runGeneration({ ...base, type: "single", count: 4, corpusId, seed: 1, provider: "offline" });
    const offline = await estimateGeneration(resolveRequest({ type: "single", count: 100_000, corpusId, provider: "offline" }));
    expect(offline.items).toBe(clean.items - 4);
    expect(offline.costUsd).toBe(0);
  });
});

describe("budget cap", () => {
  it("stops the job cleanly when the next item would pass the cap, says why, and resumes after raising it", async () => {
    const p = resolveRequest({ ...base, type: "single", count: 10, corpusId, seed: 21, concurrency: 1 });
    const full = await estimateGeneration(p);
    const budget = full.costUsd! * 0.35;
    const job = await runGeneration({ ...base, type: "single", count: 10, corpusId, seed: 21, concurrency: 1, budgetUsd: budget });
    expect(job.status).toBe("cancelled");
    expect(job.message).toMatch(/budget cap \$\d+\.\d\d reached/);
    expect(job.result).toMatchObject({ stopReason: "budget" });
    const items = await itemsOf(job.id);
    const spent = items.reduce((a, i) => a + i.cost_usd, 0);
    const done = items.filter((i) => i.status === "succeeded").length;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(10);
    expect(spent).toBeLessThanOrEqual(budget);
    expect(items.filter((i) => i.status === "pending")).toHaveLength(10 - done);

    await setBudget(job.id, full.costUsd! * 2);
    const resumed = await rerun(job.id);
    expect(resumed.status).toBe("succeeded");
    expect(await pairCount(job.id)).toBe(10);
  });
});
