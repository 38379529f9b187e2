import { wilson } from "@/lib/audit/stats";
import { pool } from "@/lib/db/client";
import type { ComparisonRow } from "./schemas";

/**
 * The lineage ledger per prompt version × model: pairs, accept rate (accepted / accepted + rejected) with its 95%
 * Wilson interval, quality-flag rate, failed-verification rate, mean tokens per pair and dollars per accepted pair
 * (generation cost of every item of that version and model, failed ones included, over the accepted pairs).
 * Everything comes from counters that triggers keep (pair_count; prompt_pair_stat and prompt_item_stat, migration
 * 20261202500000_prompt_ledger): a few hundred rows at any number of pairs, where it grouped every pair and every
 * generation item before.
 */
export async function promptComparison(): Promise<ComparisonRow[]> {
  const [counts, extra, cost] = await Promise.all([
    pool().query<{ pv: string; model: string; status: string; n: number }>(
      `SELECT prompt_version AS pv, model, status, sum(n)::int AS n FROM pair_count GROUP BY 1, 2, 3 HAVING sum(n) > 0`),
    pool().query<{ pv: string; model: string; flagged: number; verified: number; failed: number }>(
      `SELECT prompt_version AS pv, model, sum(flagged)::int AS flagged, sum(verified)::int AS verified, sum(failed)::int AS failed
       FROM prompt_pair_stat GROUP BY 1, 2`),
    pool().query<{ pv: string; model: string; tokens: number | null; usd: number }>(
      `SELECT prompt_version AS pv, model, (sum(paired_tokens)::float8 / nullif(sum(paired), 0)) AS tokens, coalesce(sum(cost_usd), 0)::float8 AS usd
       FROM prompt_item_stat GROUP BY 1, 2`),
  ]);
  const rows = new Map<string, ComparisonRow>();
  const row = (pv: string, model: string) => {
    const k = `${pv}\u0000${model}`;
    if (!rows.has(k)) rows.set(k, { promptVersion: pv, model, pairs: 0, accepted: 0, rejected: 0, decided: 0, acceptRate: null, low: 0, high: 1,
      flagRate: null, verdictFailRate: null, meanTokens: null, costUsd: 0, usdPerAccepted: null });
    return rows.get(k)!;
  };
  for (const c of counts.rows) {
    const r = row(c.pv, c.model);
    r.pairs += c.n;
    if (c.status === "accepted") r.accepted += c.n;
    if (c.status === "rejected") r.rejected += c.n;
  }
  for (const e of extra.rows) {
    const r = rows.get(`${e.pv}\u0000${e.model}`);
    if (!r) continue;
    r.flagRate = r.pairs ? e.flagged / r.pairs : null;
    r.verdictFailRate = e.verified ? e.failed / e.verified : null;
  }
  for (const c of cost.rows) {
    const r = rows.get(`${c.pv}\u0000${c.model}`);
    if (!r) continue;
    r.meanTokens = c.tokens;
    r.costUsd = c.usd;
  }
  for (const r of rows.values()) {
    r.decided = r.accepted + r.rejected;
    const w = wilson(r.accepted, r.decided);
    Object.assign(r, { acceptRate: w.p, low: w.low, high: w.high, usdPerAccepted: r.accepted ? r.costUsd / r.accepted : null });
  }
  return [...rows.values()].sort((a, b) => b.pairs - a.pairs);
}
