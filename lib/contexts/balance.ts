import { ksPValue } from "@/lib/assemble";
import { pool } from "@/lib/db/client";
import { PAPER_MIX } from "./schemas";

export interface Bin { start: number; end: number; count: number }
export interface BinnedDistribution { bins: Bin[]; n: number; uniformExpected: number; ks: { d: number; p: number } | null }

export interface BalanceStats {
  /** null: the current dataset (each accepted pair's newest context) */
  runId: number | null;
  bounds: { minTokens: number; maxTokens: number };
  contexts: { total: number; long: number; short: number };
  lengths: BinnedDistribution;
  depths: { single: BinnedDistribution; multi: BinnedDistribution };
  mix: { key: "single" | "multi" | "short"; count: number; share: number; paper: number }[];
  statuses: { status: string; pairs: number; withContext: number }[];
}

const LENGTH_BINS = 14;
const DEPTH_BINS = 10;
/** Fine bins behind the KS statistic: D over 100 edges is within 1% of the exact statistic. */
const FINE = 100;

function scopeSql(runId: number | null): string {
  return runId === null
    ? `SELECT DISTINCT ON (c.pair_id) c.* FROM context c JOIN pair p ON p.id = c.pair_id WHERE p.status = 'accepted' ORDER BY c.pair_id, c.id DESC`
    : `SELECT c.* FROM context c WHERE c.run_id = $1`;
}

/**
 * Balance of a run's contexts, or of the current dataset: aggregated in SQL (histograms by width_bucket), so the
 * charts cost the same for 300 or 300,000 contexts.
 */
export async function balanceStats(runId: number | null): Promise<BalanceStats> {
  const scope = scopeSql(runId);
  const args = runId === null ? [] : [runId];
  const q = async <T extends object>(sql: string, extra: unknown[] = []) => (await pool().query<T>(sql, [...args, ...extra])).rows;
  const at = args.length + 1;
  const [bounds] = await q<{ lo: number | null; hi: number | null; total: number; long: number; short: number }>(
    `WITH s AS (${scope}) SELECT min((r.params->>'minTokens')::int) AS lo, max((r.params->>'maxTokens')::int) AS hi,
       count(*)::int AS total, count(*) FILTER (WHERE s.kind = 'long')::int AS long, count(*) FILTER (WHERE s.kind = 'short')::int AS short
     FROM s JOIN assembly_run r ON r.id = s.run_id`);
  const lo = bounds?.lo ?? 4096;
  const hi = Math.max(bounds?.hi ?? 32768, lo + 1);
  const lengthRows = await q<{ b: number; n: number }>(
    `WITH s AS (${scope}) SELECT width_bucket(s.total_tokens, $${at}::float8, $${at + 1}::float8, ${FINE})::int AS b, count(*)::int AS n
     FROM s WHERE s.kind = 'long' GROUP BY 1`, [lo, hi + 1e-9]);
  const depthRows = await q<{ type: "single" | "multi"; b: number; n: number }>(
    `WITH s AS (${scope}) SELECT p.type::text AS type, width_bucket(d, 0, 1.0000001, ${FINE})::int AS b, count(*)::int AS n
     FROM s JOIN pair p ON p.id = s.pair_id, unnest(s.evidence_depths) d WHERE s.kind = 'long' GROUP BY 1, 2`);
  const mixRows = await q<{ key: "single" | "multi" | "short"; n: number }>(
    `WITH s AS (${scope}) SELECT CASE WHEN s.kind = 'short' THEN 'short' ELSE p.type::text END AS key, count(*)::int AS n
     FROM s JOIN pair p ON p.id = s.pair_id GROUP BY 1`);
  const statuses = (await pool().query<{ status: string; pairs: number; withContext: number }>(
    `SELECT p.status::text AS status, count(*)::int AS pairs, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM context c WHERE c.pair_id = p.id))::int AS "withContext"
     FROM pair p GROUP BY 1 ORDER BY 1`)).rows;

  const total = bounds?.total ?? 0;
  const mix = (["single", "multi", "short"] as const).map((key) => {
    const count = mixRows.find((r) => r.key === key)?.n ?? 0;
    return { key, count, share: total ? count / total : 0, paper: PAPER_MIX[key] };
  });
  return {
    runId,
    bounds: { minTokens: lo, maxTokens: hi },
    contexts: { total, long: bounds?.long ?? 0, short: bounds?.short ?? 0 },
    lengths: distribution(lengthRows, lo, hi, LENGTH_BINS),
    depths: {
      single: distribution(depthRows.filter((r) => r.type === "single"), 0, 1, DEPTH_BINS),
      multi: distribution(depthRows.filter((r) => r.type === "multi"), 0, 1, DEPTH_BINS),
    },
    mix,
    statuses,
  };
}

/** Re-bins FINE width_bucket counts into `bins` display bins and computes KS D against uniform at the fine edges. */
export function distribution(rows: { b: number; n: number }[], lo: number, hi: number, bins: number): BinnedDistribution {
  const fine = new Array<number>(FINE).fill(0);
  for (const r of rows) fine[Math.min(FINE, Math.max(1, r.b)) - 1]! += r.n;
  const n = fine.reduce((a, b) => a + b, 0);
  const per = FINE / bins;
  const width = (hi - lo) / bins;
  const out: Bin[] = Array.from({ length: bins }, (_, i) => ({
    start: lo + i * width, end: lo + (i + 1) * width, count: fine.slice(i * per, (i + 1) * per).reduce((a, b) => a + b, 0),
  }));
  let cum = 0;
  let d = 0;
  fine.forEach((c, i) => {
    cum += c;
    d = Math.max(d, Math.abs(cum / Math.max(n, 1) - (i + 1) / FINE));
  });
  return { bins: out, n, uniformExpected: n / bins, ks: n > 0 ? { d, p: ksPValue(d, n) } : null };
}
