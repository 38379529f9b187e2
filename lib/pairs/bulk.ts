import { pool } from "@/lib/db/client";
import { AppError } from "@/lib/api/errors";
import { Params, pairWhere } from "./filter";
import type { BulkAction, PairFilter, PairStatus } from "./schemas";

const TARGET: Record<BulkAction, PairStatus> = { accept: "accepted", reject: "rejected", flag: "flagged" };

/**
 * Sets the status of every pair matching the filter in one set-based statement, recording one `bulk` event
 * per changed pair (undoable one by one). `expected` is the count the user confirmed: if the filter matches a
 * different number now, nothing changes and the 409 carries the new count for a fresh confirmation.
 */
export async function bulkUpdate(filter: PairFilter, action: BulkAction, expected: number, actorId: number): Promise<{ matched: number; changed: number }> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const params = new Params();
    const where = pairWhere(filter, params);
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pair p WHERE ${where}`, params.values);
    const matched = rows[0]?.n ?? 0;
    if (matched !== expected)
      throw new AppError("conflict", `The filter now matches ${matched} pairs, not the ${expected} you confirmed.`, { current: { count: matched } });
    const status = params.add(TARGET[action]);
    const actor = params.add(actorId);
    const res = await client.query(
      `WITH target AS (
         SELECT p.id, p.status, p.reviewer_id, p.reviewed_at, p.version FROM pair p
         WHERE ${where} AND p.status <> ${status}::"PairStatus" FOR UPDATE OF p),
       upd AS (
         UPDATE pair SET status = ${status}::"PairStatus", reviewer_id = ${actor}::int, reviewed_at = now(),
           version = pair.version + 1, updated_at = now()
         FROM target t WHERE pair.id = t.id
         RETURNING pair.id, t.status AS old_status, t.reviewer_id AS old_reviewer, t.reviewed_at AS old_reviewed,
           t.version AS old_version, pair.reviewed_at AS new_reviewed, pair.version AS new_version)
       INSERT INTO pair_event (pair_id, actor_id, kind, before, after)
       SELECT id, ${actor}::int, 'bulk',
         jsonb_build_object('status', old_status, 'reviewerId', old_reviewer, 'reviewedAt', old_reviewed, 'version', old_version),
         jsonb_build_object('status', ${status}::"PairStatus", 'reviewerId', ${actor}::int, 'reviewedAt', new_reviewed, 'version', new_version)
       FROM upd`,
      params.values);
    await client.query("COMMIT");
    return { matched, changed: res.rowCount ?? 0 };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
