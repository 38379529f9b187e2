import { AppError } from "@/lib/api/errors";
import type { PairWriteResult } from "./types";
import { applyChange, changedOnly, conflict, SNAPSHOT_COLUMNS, withLockedPair, type Snapshot, type SnapshotKey } from "./write";

/** Event kinds a reviewer can take back; `created` and `quality` belong to the system. */
const UNDOABLE = new Set(["status", "edit", "bulk"]);

/** The fields a person decides; quality flags and review stamps follow them and are not compared. */
const DECIDED: SnapshotKey[] = ["status", "question", "answer", "support"];

/**
 * Undo is built on history: it re-applies an event's `before` snapshot and records that as an `undo` event.
 * It applies while the fields the event set still hold the values it set — so "edit, accept, undo, undo" walks
 * back in order — and answers 409 with the pair as it is now when a later change overwrote one of them
 * (undoing then would destroy someone's work).
 */
export async function undoEvent(pairId: number, eventId: number, actorId: number): Promise<PairWriteResult> {
  return withLockedPair(pairId, async (row, client) => {
    const { rows } = await client.query<{ kind: string; before: Snapshot; after: Snapshot }>(
      `SELECT kind, before, after FROM pair_event WHERE id = $1 AND pair_id = $2`, [eventId, pairId]);
    const event = rows[0];
    if (!event) throw new AppError("not_found", `event ${eventId} is not part of pair ${pairId}'s history`);
    if (!UNDOABLE.has(event.kind)) throw new AppError("bad_request", `a ${event.kind} event cannot be undone`);
    const overwritten = DECIDED.filter((k) => k in event.after && JSON.stringify(event.after[k]) !== JSON.stringify(row[k]));
    if (overwritten.length)
      await conflict(pairId, client, `Pair ${pairId}'s ${overwritten.join(", ")} changed after that; nothing was undone.`);
    const restore: Snapshot = {};
    for (const k of Object.keys(SNAPSHOT_COLUMNS) as SnapshotKey[]) if (k in event.before) restore[k] = event.before[k];
    return applyChange(client, row, "undo", changedOnly(row, restore), actorId, { undoes: eventId });
  });
}
