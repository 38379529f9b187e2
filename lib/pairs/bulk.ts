import { pool } from "@/lib/db/client";
import { AppError } from "@/lib/api/errors";
import { writeGroup } from "@/lib/review-team/groups";
import { Params, pairWhere } from "./filter";
import type { BulkAction, PairFilter, PairStatus } from "./schemas";

const TARGET: Record<BulkAction, PairStatus> = { accept: "accepted", reject: "rejected", flag: "flagged" };

/**
 * Sets the status of every pair matching the filter in one set-based statement, recording one `bulk` event
 * per changed pair in one event group (undoable as a whole, or one by one). `expected` is the count the user confirmed: if the filter matches a
 * different number now, nothing changes and the 409 carries the new count for a fresh confirmation.
 */
export async function bulkUpdate(filter: PairFilter, action: BulkAction, expected: number, actorId: number): Promise<{ matched: number; changed: number; groupId: number }> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const params = new Params();
    const where = pairWhere(filter, params);
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pair p WHERE ${where}`, params.values);
    const matched = rows[0]?.n ?? 0;
    if (matched !== expected)
      throw new AppError("conflict", `The filter now matches ${matched} pairs, not the ${expected} you confirmed.`, { current: { count: matched } });
    // one event group: undone as a whole, counted as one bulk action in reviewer statistics (lib/review-team/groups.ts)
    const { groupId, changed } = await writeGroup(client, { kind: "bulk", action, filter, status: TARGET[action], actorId }, where, params.values);
    await client.query("COMMIT");
    return { matched, changed, groupId };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
