import { pool } from "@/lib/db/client";
import { insertPairs } from "@/lib/pairs/create";
import { checkPair } from "@/lib/quality";
import type { Usage } from "@/lib/llm/types";
import type { GeneratedQa } from "./validate";
import type { SegmentText } from "./texts";

/**
 * Writing an item's outcome. A success stores the pair, its quality flags and the item's new status in
 * ONE transaction, and only if the item is not already succeeded (the row lock serialises a zombie
 * worker that lost its lease against the one that took over): so a pair is never stored twice and
 * never lost. A failure stores the reason and the raw reply; it never becomes a pair.
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

export async function storeSuccess(s: SuccessInput): Promise<boolean> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query(
      `UPDATE generation_item SET status = 'succeeded', error = NULL, raw_response = NULL, attempts = attempts + $2,
         prompt_tokens = prompt_tokens + $3, completion_tokens = completion_tokens + $4, cost_usd = cost_usd + $5, updated_at = now()
       WHERE id = $1 AND status <> 'succeeded' RETURNING id`,
      [s.itemId, s.attempts, s.usage.promptTokens, s.usage.completionTokens, s.costUsd]);
    if (!rows[0]) {
      await client.query("ROLLBACK");
      return false;
    }
    const first = s.segments[0]!;
    const [pairId] = await insertPairs([{
      type: s.type, corpusId: first.corpusId, documentId: first.documentId, question: s.qa.question, answer: s.qa.answer,
      support: s.qa.support, evidence: s.segments.map((seg, i) => ({ piece: i + 1, segmentId: seg.id, documentId: seg.documentId })),
      provider: s.provider, model: s.model, promptVersion: s.promptVersion, original: s.original, jobId: s.jobId,
    }], client);
    const quality = qualityOf(s);
    await client.query(`UPDATE pair SET quality_flags = $2, quality_score = $3 WHERE id = $1`, [pairId, JSON.stringify(quality.flags), quality.score]);
    await client.query(`UPDATE generation_item SET pair_id = $2 WHERE id = $1`, [s.itemId, pairId]);
    await client.query("COMMIT");
    return true;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** The automatic quality checks of lib/quality, run on every new pair before it is committed. */
function qualityOf(s: SuccessInput): { flags: unknown[]; score: number } {
  return checkPair({
    type: s.type, question: s.qa.question, answer: s.qa.answer, support: s.qa.support,
    evidence: s.segments.map((seg, i) => ({ piece: i + 1, text: seg.text })),
  });
}

export async function storeFailure(itemId: number, reason: string, raw: string | null, o: Outcome): Promise<void> {
  await pool().query(
    `UPDATE generation_item SET status = 'failed', error = $2, raw_response = $3, attempts = attempts + $4,
       prompt_tokens = prompt_tokens + $5, completion_tokens = completion_tokens + $6, cost_usd = cost_usd + $7, updated_at = now()
     WHERE id = $1 AND status <> 'succeeded'`,
    [itemId, reason, raw, o.attempts, o.usage.promptTokens, o.usage.completionTokens, o.costUsd]);
}
