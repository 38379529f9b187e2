import { pool } from "@/lib/db/client";
import { nextPairsVerdictsFirst } from "@/lib/verify/queue-order";
import { EVIDENCE_COLUMN, evidenceFromColumn, PAIR_COLUMNS, PAIR_FROM, withEvidenceOf, type PairRow } from "./detail";
import { Params, pairWhere } from "./filter";
import { cursorOf, keyset } from "./list";
import { prepared } from "@/lib/db/prepared";
import type { QueueQuery } from "./schemas";
import type { PairDetail } from "./types";

/**
 * The next pending pairs of the review queue, by quality score (lowest or highest first), after a keyset
 * cursor. Skipping is only a cursor move on the client, so skipped pairs stay pending for the next session.
 * Served by the (status, quality_score, id) index; the page and its evidence are one named statement.
 */
export async function nextPairs(q: QueueQuery): Promise<{ items: PairDetail[]; next: string | null }> {
  if (q.order !== "highest") return nextPairsVerdictsFirst(q);
  const limit = Math.min(q.limit ?? 5, 20);
  const params = new Params();
  const { where, ks } = queueSql(q, params);
  const { rows } = await pool().query<PairRow & { sortKey: string; evidenceRows: unknown }>(prepared(
    `SELECT ${PAIR_COLUMNS}, ${ks.keySql} AS "sortKey", ${EVIDENCE_COLUMN} FROM ${PAIR_FROM} WHERE ${where} AND ${ks.cond} ORDER BY ${ks.order} LIMIT ${limit}`,
    params.values));
  const last = rows[rows.length - 1];
  const items = await withEvidenceOf(rows.map(({ sortKey: _k, evidenceRows: _e, ...r }) => r), pool(), evidenceFromColumn(rows));
  return { items, next: last ? cursorOf(last.sortKey, last.id) : q.after ?? null };
}

/** The queue's conditions and order; lib/review-team/claim.ts leases pairs in exactly this order. */
export function queueSql(q: QueueQuery, params: Params): { where: string; ks: ReturnType<typeof keyset> } {
  const where = pairWhere({ ...q, status: "pending" }, params);
  return { where, ks: keyset(q.order === "highest" ? "score_desc" : "score_asc", q.after, params) };
}
