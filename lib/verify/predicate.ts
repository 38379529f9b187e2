import { VERDICT_CODES } from "./verdict";

/**
 * SQL on a pair alias for verification verdicts, shared by the pairs filter, the review queue, bulk actions and
 * export. Every predicate is written so the planner can use the partial indexes of migration 20261201500000
 * (`verification @> '{"flags": [{"code": …}]}'`, `{"passed": …}`, `IS NOT NULL`).
 */
export const VERDICT_FILTERS = ["verified", "unverified", "passed", "failed", ...VERDICT_CODES] as const;
export type VerdictFilter = (typeof VERDICT_FILTERS)[number];

interface ParamSink { add(v: unknown): string }

export function verdictWhere(verdict: string, params: ParamSink, alias = "p"): string {
  const v = `${alias}.verification`;
  switch (verdict) {
    case "verified": return `${v} IS NOT NULL`;
    case "unverified": return `${v} IS NULL`;
    case "passed": return `${v} @> '{"passed": true}'::jsonb`;
    case "failed": return `${v} @> '{"passed": false}'::jsonb`;
    default:
      // a jsonb literal parameter (not built in SQL) so the planner matches the per-code partial index
      return `${v} @> ${params.add(JSON.stringify({ flags: [{ code: verdict }] }))}::jsonb`;
  }
}

/**
 * Export `--verified`: only pairs that were verified and passed every check that was run. Unverified pairs are
 * left out too — "verified" means a model looked at it.
 */
export function verifiedPredicate(alias = "p"): string {
  return `${alias}.verification @> '{"passed": true}'::jsonb`;
}

/** Why a pair is left out by `--verified`: its first verdict code, "unverified", or null when it is kept. SQL. */
export function exclusionReasonSql(alias = "p"): string {
  const v = `${alias}.verification`;
  return `CASE WHEN ${v} IS NULL THEN 'unverified' WHEN ${v} @> '{"passed": true}'::jsonb THEN NULL ELSE coalesce(${v}->'flags'->0->>'code', 'failed') END`;
}
