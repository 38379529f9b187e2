import { pool } from "@/lib/db/client";
import { getPairs } from "./detail";
import { Params, pairWhere } from "./filter";
import { cursorOf, keyset } from "./list";
import type { QueueQuery } from "./schemas";
import type { PairDetail } from "./types";

/**
 * The next pending pairs of the review queue, by quality score (lowest or highest first), after a keyset
 * cursor. Skipping is only a cursor move on the client, so skipped pairs stay pending for the next session.
 * Served by the (status, quality_score, id) index.
 */
export async function nextPairs(q: QueueQuery): Promise<{ items: PairDetail[]; next: string | null }> {
  const limit = Math.min(q.limit ?? 5, 20);
  const params = new Params();
  const where = pairWhere({ ...q, status: "pending" }, params);
  const ks = keyset(q.order === "highest" ? "score_desc" : "score_asc", q.after, params);
  const { rows } = await pool().query<{ id: number; sortKey: string }>(
    `SELECT p.id, ${ks.keySql} AS "sortKey" FROM pair p WHERE ${where} AND ${ks.cond} ORDER BY ${ks.order} LIMIT ${params.add(limit)}`,
    params.values);
  const items = await getPairs(rows.map((r) => r.id));
  const last = rows[rows.length - 1];
  return { items, next: last ? cursorOf(last.sortKey, last.id) : q.after ?? null };
}

