import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { PAIR_COLUMNS, PAIR_FROM, withEvidenceOf, type PairRow } from "@/lib/pairs/detail";
import { Params, pairWhere } from "@/lib/pairs/filter";
import { prepared } from "@/lib/pairs/prepared";
import type { QueueQuery } from "@/lib/pairs/schemas";
import type { PairDetail } from "@/lib/pairs/types";

/**
 * "Lowest quality first" with model verdicts above lexical flags: first the pending pairs a model check failed
 * (lowest quality score first), then every other pending pair by quality score. Two keyset phases rather than
 * one ORDER BY on an expression, so each page reads only its rows: phase 1 through the failed-verdict partial
 * index (a small set), phase 2 through the (status, quality_score, id) index. The cursor carries its phase:
 * "v:<score>|<id>" while in the failed verdicts, "<score>|<id>" after.
 */
const FAILED = `p.verification @> '{"passed": false}'::jsonb`;

export async function nextPairsVerdictsFirst(q: QueueQuery): Promise<{ items: PairDetail[]; next: string | null }> {
  const limit = Math.min(q.limit ?? 5, 20);
  const inFailed = !q.after || q.after.startsWith("v:");
  const cursor = q.after?.replace(/^v:/, "");
  const out: (PairRow & { sortKey: string; phase: "v" | "" })[] = [];
  if (inFailed) {
    const rows = await page(q, `${FAILED}`, cursor, limit);
    out.push(...rows.map((r) => ({ ...r, phase: "v" as const })));
  }
  if (out.length < limit) {
    const rows = await page(q, `NOT (p.verification IS NOT NULL AND ${FAILED})`, inFailed ? undefined : cursor, limit - out.length);
    out.push(...rows.map((r) => ({ ...r, phase: "" as const })));
  }
  const last = out[out.length - 1];
  const items = await withEvidenceOf(out.map(({ sortKey: _k, phase: _p, ...r }) => r));
  return { items, next: last ? `${last.phase ? "v:" : ""}${last.sortKey}|${last.id}` : q.after ?? null };
}

async function page(q: QueueQuery, extra: string, after: string | undefined, limit: number) {
  const params = new Params();
  const where = pairWhere({ ...q, status: "pending" }, params);
  let cond = "TRUE";
  if (after) {
    const bar = after.lastIndexOf("|");
    const id = Number(after.slice(bar + 1));
    if (bar < 0 || !Number.isInteger(id)) throw new AppError("bad_request", "invalid page cursor");
    cond = `(p.quality_score, p.id) > (${params.add(after.slice(0, bar))}::float8, ${params.add(id)}::int)`;
  }
  // a named statement with the LIMIT written in (lib/pairs/prepared.ts: not re-planned against pair's ~40 indexes)
  const { rows } = await pool().query<PairRow & { sortKey: string }>(prepared(
    `SELECT ${PAIR_COLUMNS}, p.quality_score::text AS "sortKey" FROM ${PAIR_FROM} WHERE ${where} AND ${extra} AND ${cond}
     ORDER BY p.quality_score, p.id LIMIT ${limit}`, params.values));
  return rows;
}
