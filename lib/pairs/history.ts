import { pool } from "@/lib/db/client";
import { iso } from "./detail";
import type { PairEventItem } from "./types";

/** A pair's whole history, newest first (a pair collects a handful of events, never thousands). */
export async function pairHistory(pairId: number): Promise<PairEventItem[]> {
  const { rows } = await pool().query<PairEventItem>(
    `SELECT e.id, e.kind, e.actor_id AS "actorId", u.name AS "actorName", e.before, e.after, e.created_at AS "createdAt"
     FROM pair_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.pair_id = $1 ORDER BY e.id DESC`, [pairId]);
  return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) ?? "" }));
}
