import type { Spent } from "@/lib/model-items/items";
import { storeOnce } from "@/lib/model-items/store";
import type { CheckRow, JudgeSummary } from "./run-pair";
import type { VerdictFlag } from "./verdict";

/**
 * Exactly once (lib/model-items/store.ts): verified pairs' checks, their verdict summaries and their items' success
 * are written in ONE transaction, with the items locked and skipped when already succeeded (a zombie worker that
 * lost its lease and the one that took over cannot both store). A crash before the commit loses only answers.
 */
export interface VerifiedInput extends Spent {
  itemId: number;
  pairId: number;
  pairVersion: number;
  checks: CheckRow[];
  passed: boolean;
  flags: VerdictFlag[];
  judge?: JudgeSummary;
  provider: string;
  model: string;
  promptVersion: string;
}

/** The pair's verdict summary, as stored in pair.verification (and read by filters, badges and export). */
export interface VerificationSummary {
  passed: boolean;
  flags: VerdictFlag[];
  provider: string;
  model: string;
  promptVersion: string;
  pairVersion: number;
  itemId: number;
  checks: number;
  verifiedAt: string;
  /** the judge's scores, when the job asked for them */
  judge?: JudgeSummary;
}

/** Stores a batch of verified pairs (set-based); returns, per input, whether it was stored (false = its item had already succeeded). */
export async function storeVerified(batch: VerifiedInput[]): Promise<boolean[]> {
  return storeOnce("verification_item", batch, async (client, todo) => {
    const rows = todo.flatMap((s) => s.checks.map((c) => ({ s, c })));
    await client.query(
      `INSERT INTO pair_check (pair_id, item_id, kind, piece_removed, pieces, passed, matched, model_answer, raw_output, match_method, match_score, reason,
         provider, model, prompt_version, pair_version)
       SELECT u.pair, u.item, u.kind::"CheckKind", u.piece, string_to_array(u.pieces, ',')::int[], u.passed, u.matched, u.answer, u.raw, u.method, u.score, u.reason,
         u.provider, u.model, u.pv, u.version
       FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::text[], $6::bool[], $7::bool[], $8::text[], $9::text[], $10::text[], $11::float8[], $12::text[],
         $13::text[], $14::text[], $15::text[], $16::int[])
         AS u(pair, item, kind, piece, pieces, passed, matched, answer, raw, method, score, reason, provider, model, pv, version)`,
      [rows.map((r) => r.s.pairId), rows.map((r) => r.s.itemId), rows.map((r) => r.c.kind), rows.map((r) => r.c.pieceRemoved), rows.map((r) => r.c.pieces.join(",")),
        rows.map((r) => r.c.passed), rows.map((r) => r.c.matched), rows.map((r) => r.c.modelAnswer), rows.map((r) => r.c.rawOutput), rows.map((r) => r.c.method),
        rows.map((r) => r.c.score), rows.map((r) => r.c.reason), rows.map((r) => r.s.provider), rows.map((r) => r.s.model), rows.map((r) => r.s.promptVersion),
        rows.map((r) => r.s.pairVersion)]);
    const summaries = todo.map((s): Omit<VerificationSummary, "verifiedAt"> => ({
      passed: s.passed, flags: s.flags, provider: s.provider, model: s.model, promptVersion: s.promptVersion, pairVersion: s.pairVersion,
      itemId: s.itemId, checks: s.checks.length, ...(s.judge ? { judge: s.judge } : {}),
    }));
    await client.query(
      `UPDATE pair p SET verification = u.v || jsonb_build_object('verifiedAt', now()) FROM unnest($1::int[], $2::jsonb[]) AS u(id, v) WHERE p.id = u.id`,
      [todo.map((s) => s.pairId), summaries.map((v) => JSON.stringify(v))]);
  });
}
