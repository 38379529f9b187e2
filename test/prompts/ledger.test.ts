import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { createJobRow } from "@/lib/generate/job-row";
import { prepareGeneration } from "@/lib/generate/start";
import { getJob } from "@/lib/jobs/jobs";
import { runJob } from "@/lib/jobs/runner";
import "@/lib/jobs/kinds";
import { promptComparison } from "@/lib/prompts/comparison";
import { savePromptVersion } from "@/lib/prompts/versions";
import { builtinSystem } from "@/lib/generate/prompts";
import { useTestDatabase } from "../support/db";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai";
import { seedCorpus } from "../generate/helpers";

let fake: FakeOpenAi;
let corpusId: number;

beforeAll(async () => {
  await useTestDatabase();
  corpusId = await seedCorpus();
  fake = await startFakeOpenAi();
  process.env.OPENAI_API_KEY = "test-key";
  process.env.OPENAI_BASE_URL = fake.url;
});
afterAll(() => fake.close());

const generate = async (promptVersion: string | undefined, seed: number, count = 6) => {
  const p = await prepareGeneration({ type: "single", count, corpusId, seed, provider: "openai", model: "gpt-4o-mini", promptVersion, backoffBaseMs: 5 });
  const id = await createJobRow(p);
  await runJob(id, "test-worker");
  return getJob(id);
};

/** What the comparison computed before the counters: grouped passes over every pair and every generation item. */
async function recount() {
  const [pairs, items] = await Promise.all([
    pool().query<{ pv: string; model: string; flagged: number; verified: number; failed: number }>(
      `SELECT prompt_version AS pv, model, count(*) FILTER (WHERE quality_flags <> '[]'::jsonb)::int AS flagged,
         count(*) FILTER (WHERE verification IS NOT NULL)::int AS verified,
         count(*) FILTER (WHERE verification @> '{"passed": false}'::jsonb)::int AS failed
       FROM pair GROUP BY 1, 2`),
    pool().query<{ pv: string; model: string; tokens: number | null; usd: number }>(
      `SELECT split_part(key, '|', 3) AS pv, substr(split_part(key, '|', 4), strpos(split_part(key, '|', 4), ':') + 1) AS model,
         avg(prompt_tokens + completion_tokens) FILTER (WHERE pair_id IS NOT NULL)::float8 AS tokens, coalesce(sum(cost_usd), 0)::float8 AS usd
       FROM generation_item GROUP BY 1, 2`),
  ]);
  return { pairs: pairs.rows, items: items.rows };
}

async function expectLedgerMatches() {
  const [cmp, truth] = [await promptComparison(), await recount()];
  expect(cmp.length).toBeGreaterThan(0);
  for (const r of cmp) {
    const p = truth.pairs.find((x) => x.pv === r.promptVersion && x.model === r.model);
    expect(r.flagRate).toBeCloseTo(p && r.pairs ? p.flagged / r.pairs : NaN, 12);
    expect(r.verdictFailRate).toEqual(p?.verified ? p.failed / p.verified : null);
    const i = truth.items.find((x) => x.pv === r.promptVersion && x.model === r.model);
    expect(r.costUsd).toBeCloseTo(i?.usd ?? 0, 10);
    if (i?.tokens == null) expect(r.meanTokens).toBeNull();
    else expect(r.meanTokens).toBeCloseTo(i.tokens, 10);
  }
}

describe("prompt comparison counters", () => {
  it("stay equal to a full recount through generation, flag and verdict changes, failures and deletes", async () => {
    const v = await savePromptVersion({ name: "ledger", type: "single", text: `${builtinSystem("single")}\nKeep it short.` }, null);
    const jobA = await generate(v.version, 11);
    const jobB = await generate(undefined, 12);
    expect(jobA.status).toBe("succeeded");
    await expectLedgerMatches();
    const ids = (await pool().query<{ id: number }>(`SELECT id FROM pair WHERE job_id = $1 ORDER BY id`, [jobA.id])).rows.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(3);

    // flags and verdicts change (one set-based statement each), a review changes only the status
    await pool().query(`UPDATE pair SET quality_flags = '[]'::jsonb WHERE job_id = $1`, [jobA.id]);
    await pool().query(`UPDATE pair SET quality_flags = '[{"code": "meta_phrase"}]'::jsonb WHERE id = ANY($1::int[])`, [ids.slice(0, 3)]);
    await pool().query(`UPDATE pair SET verification = CASE WHEN id = $2 THEN '{"passed": false}' ELSE '{"passed": true}' END::jsonb WHERE id = ANY($1::int[])`, [ids.slice(1, 4), ids[1]]);
    await pool().query(`UPDATE pair SET status = 'accepted' WHERE id = $1`, [ids[0]]);
    await expectLedgerMatches();
    const row = (await promptComparison()).find((r) => r.promptVersion === v.version)!;
    expect(row.flagRate).toBeCloseTo(3 / ids.length, 12);
    expect(row.verdictFailRate).toBeCloseTo(1 / 3, 12);

    // a failed item spends tokens and money without a pair; flags cleared again
    const item = (await pool().query<{ id: number }>(`SELECT id FROM generation_item WHERE job_id = $1 ORDER BY id LIMIT 1`, [jobB.id])).rows[0]!;
    await pool().query(`UPDATE generation_item SET prompt_tokens = prompt_tokens + 100, cost_usd = cost_usd + 0.25 WHERE id = $1`, [item.id]);
    await pool().query(`UPDATE pair SET quality_flags = '[]'::jsonb WHERE id = $1`, [ids[0]]);
    // bookkeeping updates (status, batch) change nothing counted
    await pool().query(`UPDATE generation_item SET batch_id = 'b1', updated_at = now() WHERE job_id = $1`, [jobA.id]);
    await expectLedgerMatches();

    // deletes: a pair, then the job's items
    await pool().query(`DELETE FROM pair WHERE id = $1`, [ids[3]]);
    await pool().query(`DELETE FROM generation_item WHERE job_id = $1`, [jobB.id]);
    await expectLedgerMatches();
    const afterDelete = (await promptComparison()).find((r) => r.promptVersion === v.version)!;
    expect(afterDelete.verdictFailRate).toBeCloseTo(1 / 2, 12);
  });
});
