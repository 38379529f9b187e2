import { insertPairs } from "@/lib/pairs/create";
import { checkPair, nearDuplicateFlag, nearDuplicatesOf, scoreFlags } from "@/lib/quality";
import type { Spent } from "@/lib/model-items/items";
import { storeOnce } from "@/lib/model-items/store";
import type { GeneratedQa } from "./validate";
import type { SegmentText } from "./texts";

/**
 * Writing generated pairs, set-based and exactly once (lib/model-items/store.ts): the pairs, their quality flags
 * and the items' success are written in one transaction with the items locked, so a pair is never stored twice
 * and never lost. Failures are the item table's (`generationItems.fail`): a reason and the raw reply, never a pair.
 */
export type Outcome = Spent;

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
  return storeOnce("generation_item", batch, async (client, todo, keys) => {
    const pairIds = await insertPairs(todo.map((s) => ({
      type: s.type, corpusId: s.segments[0]!.corpusId, documentId: s.segments[0]!.documentId, question: s.qa.question, answer: s.qa.answer,
      support: s.qa.support, evidence: s.segments.map((seg, i) => ({ piece: i + 1, segmentId: seg.id, documentId: seg.documentId, needed: s.qa.pieces.includes(i + 1) })),
      provider: s.provider, model: s.model, promptVersion: s.promptVersion, original: s.original, jobId: s.jobId, key: keys.get(s.itemId),
    })), client);
    // near-duplicates of earlier pairs in the corpus (this batch included), in one round trip per batch
    const dups = await nearDuplicatesOf(client, todo.map((s, i) => ({ id: pairIds[i]!, corpusId: s.segments[0]!.corpusId, question: s.qa.question })));
    const quality = todo.map((s, i) => qualityOf(s, dups.get(pairIds[i]!)));
    await client.query(
      `UPDATE pair p SET quality_flags = u.f, quality_score = u.s FROM unnest($1::int[], $2::jsonb[], $3::float8[]) AS u(id, f, s) WHERE p.id = u.id`,
      [pairIds, quality.map((q) => JSON.stringify(q.flags)), quality.map((q) => q.score)]);
    return pairIds;
  });
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
