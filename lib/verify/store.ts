import { pool } from "@/lib/db/client";
import type { Spent } from "./ask";
import type { CheckRow, JudgeSummary } from "./run-pair";
import type { VerdictFlag } from "./verdict";

/**
 * Exactly once: a verified pair's checks, its verdict summary and its item's success are written in ONE
 * transaction, with the item locked and skipped when already succeeded (a zombie worker that lost its lease and
 * the one that took over cannot both store). A crash before the commit loses only answers, which are asked again.
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

export async function storeVerified(s: VerifiedInput): Promise<boolean> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query(`SELECT id FROM verification_item WHERE id = $1 AND status <> 'succeeded' FOR UPDATE`, [s.itemId]);
    if (!rows.length) {
      await client.query("COMMIT");
      return false;
    }
    const c = s.checks;
    await client.query(
      `INSERT INTO pair_check (pair_id, item_id, kind, piece_removed, pieces, passed, matched, model_answer, raw_output, match_method, match_score, reason,
         provider, model, prompt_version, pair_version)
       SELECT $1, $2, u.kind::"CheckKind", u.piece, string_to_array(u.pieces, ',')::int[], u.passed, u.matched, u.answer, u.raw, u.method, u.score, u.reason,
         $3, $4, $5, $6
       FROM unnest($7::text[], $8::int[], $9::text[], $10::bool[], $11::bool[], $12::text[], $13::text[], $14::text[], $15::float8[], $16::text[])
         AS u(kind, piece, pieces, passed, matched, answer, raw, method, score, reason)`,
      [s.pairId, s.itemId, s.provider, s.model, s.promptVersion, s.pairVersion, c.map((x) => x.kind), c.map((x) => x.pieceRemoved),
        c.map((x) => x.pieces.join(",")), c.map((x) => x.passed), c.map((x) => x.matched), c.map((x) => x.modelAnswer), c.map((x) => x.rawOutput),
        c.map((x) => x.method), c.map((x) => x.score), c.map((x) => x.reason)]);
    const summary: Omit<VerificationSummary, "verifiedAt"> = {
      passed: s.passed, flags: s.flags, provider: s.provider, model: s.model, promptVersion: s.promptVersion, pairVersion: s.pairVersion,
      itemId: s.itemId, checks: c.length, ...(s.judge ? { judge: s.judge } : {}),
    };
    await client.query(`UPDATE pair SET verification = $2::jsonb || jsonb_build_object('verifiedAt', now()) WHERE id = $1`, [s.pairId, JSON.stringify(summary)]);
    await client.query(
      `UPDATE verification_item SET status = 'succeeded', error = NULL, raw_response = NULL, attempts = attempts + $2, prompt_tokens = prompt_tokens + $3,
         completion_tokens = completion_tokens + $4, cost_usd = cost_usd + $5, updated_at = now() WHERE id = $1`,
      [s.itemId, s.attempts, s.usage.promptTokens, s.usage.completionTokens, s.costUsd]);
    await client.query("COMMIT");
    return true;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

export async function storeFailure(itemId: number, reason: string, raw: string | null, o: Spent): Promise<void> {
  await pool().query(
    `UPDATE verification_item SET status = 'failed', error = $2, raw_response = $3, attempts = attempts + $4,
       prompt_tokens = prompt_tokens + $5, completion_tokens = completion_tokens + $6, cost_usd = cost_usd + $7, updated_at = now()
     WHERE id = $1 AND status <> 'succeeded'`,
    [itemId, reason, raw, o.attempts, o.usage.promptTokens, o.usage.completionTokens, o.costUsd]);
}
