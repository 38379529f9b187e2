import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import type { VerificationSummary } from "./store";
import type { CheckKind } from "./verdict";

/** One stored check as the review and pairs views show it: the verdict, the reason and the model's actual reply. */
export interface CheckView {
  id: number;
  kind: CheckKind;
  pieceRemoved: number | null;
  pieces: number[];
  passed: boolean;
  matched: boolean;
  modelAnswer: string | null;
  rawOutput: string;
  rawTruncated: boolean;
  matchMethod: string;
  matchScore: number;
  reason: string;
  provider: string;
  model: string;
  promptVersion: string;
  pairVersion: number;
  createdAt: string;
}

export interface PairVerification {
  pairId: number;
  /** the latest verdict (null = never verified) */
  summary: VerificationSummary | null;
  /** true when the pair's question or answer changed after it was verified (a review decision alone does not count) */
  stale: boolean;
  /** the checks behind the latest verdict */
  checks: CheckView[];
}

const RAW_CHARS = 8000;

export async function pairVerification(pairId: number): Promise<PairVerification> {
  // the item key carries the md5 of the question and answer that were verified (lib/verify/items.ts keySql)
  const { rows } = await pool().query<{ v: VerificationSummary | null; fresh: boolean | null }>(
    `SELECT p.verification AS v, (SELECT split_part(i.key, '|', 3) FROM verification_item i WHERE i.id = (p.verification->>'itemId')::int)
       = md5(p.question || chr(1) || p.answer) AS fresh
     FROM pair p WHERE p.id = $1`, [pairId]);
  if (!rows[0]) throw new AppError("not_found", `pair ${pairId} does not exist`);
  const summary = rows[0].v;
  if (!summary) return { pairId, summary: null, stale: false, checks: [] };
  const { rows: checks } = await pool().query<CheckView>(
    `SELECT id, kind, piece_removed AS "pieceRemoved", pieces, passed, matched, model_answer AS "modelAnswer", left(raw_output, ${RAW_CHARS}) AS "rawOutput",
       length(raw_output) > ${RAW_CHARS} AS "rawTruncated", match_method AS "matchMethod", match_score AS "matchScore", reason, provider, model,
       prompt_version AS "promptVersion", pair_version AS "pairVersion", created_at AS "createdAt"
     FROM pair_check WHERE pair_id = $1 AND item_id = $2 ORDER BY id`, [pairId, summary.itemId]);
  return { pairId, summary, stale: rows[0].fresh === false, checks };
}

/** Verdict summaries of the pairs on one table page (ids from that page; unverified ids are absent). */
export async function verdictsOf(ids: number[]): Promise<Record<number, Pick<VerificationSummary, "passed" | "flags" | "model" | "provider">>> {
  if (!ids.length) return {};
  const { rows } = await pool().query<{ id: number; v: VerificationSummary }>(
    `SELECT id, verification AS v FROM pair WHERE id = ANY($1::int[]) AND verification IS NOT NULL`, [ids]);
  return Object.fromEntries(rows.map((r) => [r.id, { passed: r.v.passed, flags: r.v.flags, model: r.v.model, provider: r.v.provider }]));
}

export interface VerifyCoverage { pairs: number; verified: number; passed: number; failed: number; byVerdict: Record<string, number> }

/** How much of the dataset a model has verified, and with what verdicts (each count from its partial index). */
export async function verifyCoverage(): Promise<VerifyCoverage> {
  const { rows } = await pool().query<VerifyCoverage & { a: number; b: number; c: number; d: number }>(
    `SELECT (SELECT count(*)::int FROM pair) AS pairs,
       (SELECT count(*)::int FROM pair WHERE verification IS NOT NULL) AS verified,
       (SELECT count(*)::int FROM pair WHERE verification @> '{"passed": true}') AS passed,
       (SELECT count(*)::int FROM pair WHERE verification @> '{"passed": false}') AS failed,
       (SELECT count(*)::int FROM pair WHERE verification @> '{"flags": [{"code": "answerable_without_context"}]}') AS a,
       (SELECT count(*)::int FROM pair WHERE verification @> '{"flags": [{"code": "not_answerable_from_evidence"}]}') AS b,
       (SELECT count(*)::int FROM pair WHERE verification @> '{"flags": [{"code": "piece_not_needed"}]}') AS c,
       (SELECT count(*)::int FROM pair WHERE verification @> '{"flags": [{"code": "not_multi_hop"}]}') AS d`);
  const r = rows[0]!;
  return { pairs: r.pairs, verified: r.verified, passed: r.passed, failed: r.failed,
    byVerdict: { answerable_without_context: r.a, not_answerable_from_evidence: r.b, piece_not_needed: r.c, not_multi_hop: r.d } };
}
