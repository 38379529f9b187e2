import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { evidenceOf } from "./detail";
import { assessPair } from "./quality";
import type { PatchPairBody } from "./schemas";
import type { PairWriteResult } from "./types";
import { applyChange, changedOnly, conflict, withLockedPair, type Snapshot } from "./write";

const TEXT_FIELDS = ["question", "answer", "support"] as const;

/**
 * Applies a reviewer's change when `version` is still the pair's version; otherwise a 409 carrying the pair
 * as it is now. A text edit marks the pair edited (the generator's `original` is never touched) and re-runs
 * the quality checks in the same transaction, so flags never describe text that is gone.
 */
export async function updatePair(id: number, body: PatchPairBody, actorId: number): Promise<PairWriteResult> {
  if (body.status === undefined && !TEXT_FIELDS.some((k) => body[k] !== undefined))
    throw new AppError("bad_request", "nothing to change: send status, question, answer or support");
  // the evidence never changes: read alongside the lock, on its own pooled connection (lib/pairs/write.ts)
  const evidence = evidenceOf([id], pool());
  evidence.catch(() => {}); // awaited by applyChange only; a 404 or 409 below must not leave it unhandled
  return withLockedPair(id, async (row, client) => {
    if (row.version !== body.version)
      await conflict(id, client, `Pair ${id} was changed by someone else since you opened it (now version ${row.version}, yours ${body.version}).`);
    const next: Snapshot = {};
    if (body.status !== undefined && body.status !== row.status) {
      next.status = body.status;
      next.reviewerId = actorId;
      next.reviewedAt = new Date().toISOString();
    }
    const textChanged = TEXT_FIELDS.some((k) => body[k] !== undefined && JSON.stringify(body[k]) !== JSON.stringify(row[k]));
    if (textChanged) {
      const text = {
        question: body.question ?? String(row.question),
        answer: body.answer ?? String(row.answer),
        support: body.support ?? (row.support as string[]),
      };
      const quality = await assessPair(client, { id, corpusId: row.corpusId, type: row.type, ...text });
      Object.assign(next, text, { edited: true, qualityFlags: quality.flags, qualityScore: quality.score });
    }
    const change = changedOnly(row, next);
    const kind = TEXT_FIELDS.some((k) => k in change.after) ? "edit" : "status";
    return applyChange(client, row, kind, change, actorId, {}, evidence);
  });
}
