import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { EVIDENCE_COLUMN, evidenceFromColumn, PAIR_COLUMNS, PAIR_FROM, withEvidenceOf, type PairRow } from "@/lib/pairs/detail";
import { Params, pairWhere } from "@/lib/pairs/filter";
import { prepared } from "@/lib/db/prepared";
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
  // Both phases, each a keyset page of at most `limit` rows, and their evidence in one named statement (one round
  // trip where there were three; lib/db/prepared.ts: not re-planned against pair's ~40 indexes). Phase 2 reads
  // at most `limit` index entries even when phase 1 fills the page.
  const params = new Params();
  const branches: string[] = [];
  if (inFailed) branches.push(page(q, params, "v", FAILED, cursor, limit));
  branches.push(page(q, params, "", `NOT (p.verification IS NOT NULL AND ${FAILED})`, inFailed ? undefined : cursor, limit));
  const { rows } = await pool().query<PairRow & { sortKey: string; phase: "v" | ""; evidenceRows: unknown }>(prepared(
    `SELECT * FROM (${branches.map((b) => `(${b})`).join(" UNION ALL ")}) page
     ORDER BY page.phase DESC, page."qualityScore", page.id LIMIT ${limit}`, params.values));
  const last = rows[rows.length - 1];
  const items = await withEvidenceOf(rows.map(({ sortKey: _k, phase: _p, evidenceRows: _e, ...r }) => r), pool(), evidenceFromColumn(rows));
  return { items, next: last ? `${last.phase ? "v:" : ""}${last.sortKey}|${last.id}` : q.after ?? null };
}

function page(q: QueueQuery, params: Params, phase: "v" | "", extra: string, after: string | undefined, limit: number): string {
  const where = pairWhere({ ...q, status: "pending" }, params);
  let cond = "TRUE";
  if (after) {
    const bar = after.lastIndexOf("|");
    const id = Number(after.slice(bar + 1));
    if (bar < 0 || !Number.isInteger(id)) throw new AppError("bad_request", "invalid page cursor");
    cond = `(p.quality_score, p.id) > (${params.add(after.slice(0, bar))}::float8, ${params.add(id)}::int)`;
  }
  return `SELECT ${PAIR_COLUMNS}, p.quality_score::text AS "sortKey", '${phase}'::text AS phase, ${EVIDENCE_COLUMN}
    FROM ${PAIR_FROM} WHERE ${where} AND ${extra} AND ${cond} ORDER BY p.quality_score, p.id LIMIT ${limit}`;
}
