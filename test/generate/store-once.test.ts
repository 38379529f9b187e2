import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { retryFailedItems } from "@/lib/generate/items";
import { storeSuccesses, type SuccessInput } from "@/lib/generate/store";
import { segmentTexts } from "@/lib/generate/texts";
import { stopBoss } from "@/lib/jobs/queue";
import { useTestDatabase } from "../support/db";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai";
import { itemsOf, pairCount, rerun, runGeneration, seedCorpus } from "./helpers";

/**
 * A pair's key is its item's key (unique), so storing one item's pair twice would fail the whole batch on
 * `pair_key_key`. The store (lib/model-items/store.ts) must store each item once, whoever hands it in and however
 * often: twice in one batch, from two workers at once, or late from a worker whose item was retried meanwhile.
 */
let corpusId: number;
let fake: FakeOpenAi;

beforeAll(async () => {
  await useTestDatabase();
  corpusId = await seedCorpus("store-once");
  fake = await startFakeOpenAi();
  process.env.OPENAI_API_KEY = "test-key";
  process.env.OPENAI_BASE_URL = fake.url;
});
afterAll(async () => {
  await stopBoss();
  await fake.close();
});

async function openItem(tag: string): Promise<{ jobId: number; itemId: number; input: (question: string) => SuccessInput }> {
  const { rows: [seg] } = await pool().query<{ id: number }>(
    `SELECT s.id FROM segment s WHERE s.corpus_id = $1 AND NOT EXISTS (SELECT 1 FROM generation_item g WHERE s.id = ANY(g.segment_ids)) ORDER BY s.id LIMIT 1`, [corpusId]);
  const { rows: [job] } = await pool().query<{ id: number }>(`INSERT INTO job (kind, params) VALUES ('generate', '{}') RETURNING id`);
  const { rows: [item] } = await pool().query<{ id: number }>(
    `INSERT INTO generation_item (job_id, key, type, segment_ids, status) VALUES ($1, $2, 'single', $3, 'running') RETURNING id`, [job!.id, `single|${tag}`, [seg!.id]]);
  const segments = [...(await segmentTexts([seg!.id])).values()];
  const input = (question: string): SuccessInput => ({
    itemId: item!.id, jobId: job!.id, type: "single", segments, provider: "openai", model: "m", promptVersion: "v", original: { question },
    qa: { question, answer: "In 1932.", support: [segments[0]!.text.slice(0, 40)], pieces: [1] },
    usage: { promptTokens: 10, completionTokens: 5 }, costUsd: 0.001, attempts: 1,
  });
  return { jobId: job!.id, itemId: item!.id, input };
}

const pairsOfItem = async (itemId: number) => (await pool().query<{ id: number; question: string }>(
  `SELECT p.id, p.question FROM pair p JOIN generation_item g ON g.key = p.key WHERE g.id = $1`, [itemId])).rows;

describe("each item's pair is stored once", () => {
  it("an item handed in twice in one batch: the first answer is stored, the second reported as already stored", async () => {
    const { itemId, input } = await openItem("twice-in-a-batch");
    const stored = await storeSuccesses([input("When did the first answer come?"), input("When did the second answer come?")]);
    expect(stored).toEqual([true, false]);
    const pairs = await pairsOfItem(itemId);
    expect(pairs.map((p) => p.question)).toEqual(["When did the first answer come?"]);
    const [item] = (await pool().query(`SELECT status, pair_id, attempts, prompt_tokens FROM generation_item WHERE id = $1`, [itemId])).rows;
    // the item counts the stored answer's attempt and tokens once
    expect(item).toEqual({ status: "succeeded", pair_id: pairs[0]!.id, attempts: 1, prompt_tokens: 10 });
  });

  it("two workers storing the same item at once: one pair, one of them told it was already stored", async () => {
    const { itemId, input } = await openItem("two-workers");
    const results = await Promise.all([storeSuccesses([input("Which worker stored it, A?")]), storeSuccesses([input("Which worker stored it, B?")])]);
    expect(results.map((r) => r[0]).sort()).toEqual([false, true]);
    expect(await pairsOfItem(itemId)).toHaveLength(1);
  });

  it("a retried job stores each failed item once, and a late answer from before the retry is refused without an error", async () => {
    fake.script = () => ({ kind: "status", status: 500 });
    const first = await runGeneration({ provider: "openai", model: "gpt-4o-mini", backoffBaseMs: 5, type: "single", count: 4, corpusId, seed: 9, maxRetries: 0 });
    expect(first.result).toMatchObject({ requested: 4, succeeded: 0, failed: 4 });
    fake.script = () => undefined;
    expect(await retryFailedItems(first.id)).toBe(4);
    const again = await rerun(first.id);
    expect(again.status).toBe("succeeded");
    expect(again.result).toMatchObject({ requested: 4, succeeded: 4, failed: 0 });
    const items = await itemsOf(first.id);
    expect(items.every((i) => i.status === "succeeded" && i.pair_id !== null)).toBe(true);
    expect(await pairCount(first.id)).toBe(4);
    // a zombie worker's answer for the first item, committed after the retry stored it
    const segments = [...(await segmentTexts((await pool().query<{ s: number[] }>(`SELECT segment_ids AS s FROM generation_item WHERE id = $1`, [items[0]!.id])).rows[0]!.s)).values()];
    const late: SuccessInput = { itemId: items[0]!.id, jobId: first.id, type: "single", segments, provider: "openai", model: "gpt-4o-mini", promptVersion: "v",
      original: {}, qa: { question: "A late question?", answer: "late", support: [], pieces: [1] }, usage: { promptTokens: 1, completionTokens: 1 }, costUsd: 0, attempts: 1 };
    await expect(storeSuccesses([late])).resolves.toEqual([false]);
    expect(await pairCount(first.id)).toBe(4);
  });
});
