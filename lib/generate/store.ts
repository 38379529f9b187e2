import { pool } from "@/lib/db/client";
import { insertPairs } from "@/lib/pairs/create";
import { checkPair, nearDuplicateFlag, nearDuplicatesOf, scoreFlags } from "@/lib/quality";
import type { Usage } from "@/lib/llm/types";
import type { GeneratedQa } from "./validate";
import type { SegmentText } from "./texts";

/**
 * Writing items' outcomes. Successes are stored set-based, many per transaction (see pair-writer.ts):
 * the items are locked in id order, those already succeeded are dropped (a zombie worker that lost its
 * lease and the one that took over cannot both store a pair), then the pairs, their quality flags and the
 * items' new status are written in the SAME transaction — a pair is never stored twice and never lost.
 * A failure stores the reason and the raw reply; it never becomes a pair.
 */
export interface Outcome { usage: Usage; costUsd: number; attempts: number }

export interface SuccessInput extends Outcome {
  itemId: number;
  jobId: number;
  type: "single" | "multi";
  qa: GeneratedQa;
  segments: SegmentText[];
  provider: string;
  model: string;
  promptVersion: string;
  original: unknown;
}

/** Stores the pairs; returns, per input, whether it was stored (false = that item had already succeeded). */
export async function storeSuccesses(batch: SuccessInput[]): Promise<boolean[]> {
  if (!batch.length) return [];
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: number; key: string }>(
      `SELECT id, key FROM generation_item WHERE id = ANY($1::int[]) AND status <> 'succeeded' ORDER BY id FOR UPDATE`, [batch.map((s) => s.itemId)]);
    const open = new Map(rows.map((r) => [r.id, r.key]));
    const todo = batch.filter((s) => open.has(s.itemId));
    if (todo.length) {
      const pairIds = await insertPairs(todo.map((s) => ({
        type: s.type, corpusId: s.segments[0]!.corpusId, documentId: s.segments[0]!.documentId, question: s.qa.question, answer: s.qa.answer,
        support: s.qa.support, evidence: s.segments.map((seg, i) => ({ piece: i + 1, segmentId: seg.id, documentId: seg.documentId, needed: s.qa.pieces.includes(i + 1) })),
        provider: s.provider, model: s.model, promptVersion: s.promptVersion, original: s.original, jobId: s.jobId, key: open.get(s.itemId),
      })), client);
      // near-duplicates of earlier pairs in the corpus (this batch included), in one round trip per batch
      const dups = await nearDuplicatesOf(client, todo.map((s, i) => ({ id: pairIds[i]!, corpusId: s.segments[0]!.corpusId, question: s.qa.question })));
      const quality = todo.map((s, i) => qualityOf(s, dups.get(pairIds[i]!)));
      await client.query(
        `UPDATE pair p SET quality_flags = u.f, quality_score = u.s FROM unnest($1::int[], $2::jsonb[], $3::float8[]) AS u(id, f, s) WHERE p.id = u.id`,
        [pairIds, quality.map((q) => JSON.stringify(q.flags)), quality.map((q) => q.score)]);
      await client.query(
        `UPDATE generation_item g SET status = 'succeeded', error = NULL, raw_response = NULL, pair_id = u.pid, attempts = g.attempts + u.a,
           prompt_tokens = g.prompt_tokens + u.pt, completion_tokens = g.completion_tokens + u.ct, cost_usd = g.cost_usd + u.c, updated_at = now()
         FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::float8[]) AS u(id, pid, a, pt, ct, c) WHERE g.id = u.id`,
        [todo.map((s) => s.itemId), pairIds, todo.map((s) => s.attempts), todo.map((s) => s.usage.promptTokens),
          todo.map((s) => s.usage.completionTokens), todo.map((s) => s.costUsd)]);
    }
    await client.query("COMMIT");
    return batch.map((s) => open.has(s.itemId));
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** The automatic quality checks of lib/quality, run on every new pair before it is committed. */
function qualityOf(s: SuccessInput, duplicateOf: number | undefined): { flags: unknown[]; score: number } {
  const { flags } = checkPair({
    type: s.type, question: s.qa.question, answer: s.qa.answer, support: s.qa.support,
    evidence: s.segments.map((seg, i) => ({ piece: i + 1, text: seg.text, needed: s.qa.pieces.includes(i + 1) })),
  });
  if (duplicateOf !== undefined) flags.push(nearDuplicateFlag(duplicateOf));
  return { flags, score: scoreFlags(flags) };
}

export async function storeFailure(itemId: number, reason: string, raw: string | null, o: Outcome): Promise<void> {
  await pool().query(
    `UPDATE generation_item SET status = 'failed', error = $2, raw_response = $3, attempts = attempts + $4,
       prompt_tokens = prompt_tokens + $5, completion_tokens = completion_tokens + $6, cost_usd = cost_usd + $7, updated_at = now()
     WHERE id = $1 AND status <> 'succeeded'`,
    [itemId, reason, raw, o.attempts, o.usage.promptTokens, o.usage.completionTokens, o.costUsd]);
}
