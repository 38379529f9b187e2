import type pg from "pg";
import { AppError } from "@/lib/api/errors";
import { hasRole, type Role } from "@/lib/auth/roles";
import { pool } from "@/lib/db/client";
import type { PairStatus } from "@/lib/pairs/schemas";

/**
 * An event group is one bulk action (or an audit's "decide the rest"): one `event_group` row and one `pair_event`
 * per changed pair carrying its `group_id`. It is undone as a whole, and reviewer statistics count it as one bulk
 * action, apart from individual reviews.
 */
export interface GroupSpec {
  kind: "bulk" | "audit_apply";
  action: string;
  filter: unknown;
  status: PairStatus;
  actorId: number | null;
  auditId?: number;
}

export interface EventGroupRow {
  id: number; kind: string; action: string; filter: unknown; changed: number; auditId: number | null;
  actorId: number | null; actorName: string | null; createdAt: string; undoneAt: string | null;
}

/**
 * Sets `status` on every pair matching `where` (alias `p`, built with `params`) that does not have it yet, in one
 * statement, inside the caller's transaction; records the group and one `bulk` event per changed pair.
 */
export async function writeGroup(client: pg.PoolClient, spec: GroupSpec, where: string, values: unknown[]): Promise<{ groupId: number; changed: number }> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO event_group (actor_id, kind, action, filter, audit_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [spec.actorId, spec.kind, spec.action, JSON.stringify(spec.filter ?? {}), spec.auditId ?? null]);
  const groupId = rows[0]!.id;
  const n = values.length;
  const res = await client.query(
    `WITH target AS (
       SELECT p.id, p.status, p.reviewer_id, p.reviewed_at, p.version FROM pair p
       WHERE ${where} AND p.status <> $${n + 1}::"PairStatus" FOR UPDATE OF p),
     upd AS (
       UPDATE pair SET status = $${n + 1}::"PairStatus", reviewer_id = $${n + 2}::int, reviewed_at = now(),
         version = pair.version + 1, updated_at = now()
       FROM target t WHERE pair.id = t.id
       RETURNING pair.id, t.status AS old_status, t.reviewer_id AS old_reviewer, t.reviewed_at AS old_reviewed,
         t.version AS old_version, pair.reviewed_at AS new_reviewed, pair.version AS new_version)
     INSERT INTO pair_event (pair_id, actor_id, kind, group_id, before, after)
     SELECT id, $${n + 2}::int, 'bulk', $${n + 3}::int,
       jsonb_build_object('status', old_status, 'reviewerId', old_reviewer, 'reviewedAt', old_reviewed, 'version', old_version),
       jsonb_build_object('status', $${n + 1}::"PairStatus", 'reviewerId', $${n + 2}::int, 'reviewedAt', new_reviewed, 'version', new_version, 'group', $${n + 3}::int)
     FROM upd`,
    [...values, spec.status, spec.actorId, groupId]);
  const changed = res.rowCount ?? 0;
  await client.query(`UPDATE event_group SET changed = $2 WHERE id = $1`, [groupId, changed]);
  return { groupId, changed };
}

/**
 * Undoes a whole group in one statement: every pair still exactly as the group left it (same version) gets its
 * status, reviewer and review time back, with an `undo` event in the same group. Pairs someone changed since are
 * kept as they are and counted, never overwritten. Only the group's author or a curator may undo it.
 */
export async function undoGroup(groupId: number, actor: { id: number; role: Role }): Promise<{ groupId: number; restored: number; kept: number }> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ actorId: number | null; undoneAt: Date | null }>(
      `SELECT actor_id AS "actorId", undone_at AS "undoneAt" FROM event_group WHERE id = $1 FOR UPDATE`, [groupId]);
    const g = rows[0];
    if (!g) throw new AppError("not_found", `bulk action ${groupId} does not exist`);
    if (g.undoneAt) throw new AppError("conflict", `bulk action ${groupId} was already undone`);
    if (g.actorId !== actor.id && !hasRole(actor.role, "curator"))
      throw new AppError("forbidden", "only its author or a curator can undo someone's bulk action");
    const res = await client.query(
      `WITH ev AS (
         SELECT e.id AS event_id, e.pair_id, e.before, e.after FROM pair_event e WHERE e.group_id = $1 AND e.kind = 'bulk'),
       target AS (
         SELECT ev.* FROM ev JOIN pair p ON p.id = ev.pair_id
         WHERE p.version = (ev.after->>'version')::int FOR UPDATE OF p),
       upd AS (
         UPDATE pair SET status = (t.before->>'status')::"PairStatus", reviewer_id = (t.before->>'reviewerId')::int,
           reviewed_at = (t.before->>'reviewedAt')::timestamptz, version = pair.version + 1, updated_at = now()
         FROM target t WHERE pair.id = t.pair_id
         RETURNING pair.id, pair.version, t.event_id, t.before, t.after)
       INSERT INTO pair_event (pair_id, actor_id, kind, group_id, before, after)
       SELECT id, $2::int, 'undo', $1::int,
         jsonb_build_object('status', after->'status', 'reviewerId', after->'reviewerId', 'reviewedAt', after->'reviewedAt', 'version', version - 1),
         jsonb_build_object('status', before->'status', 'reviewerId', before->'reviewerId', 'reviewedAt', before->'reviewedAt', 'version', version, 'undoes', event_id, 'group', $1::int)
       FROM upd`, [groupId, actor.id]);
    const restored = res.rowCount ?? 0;
    const total = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pair_event WHERE group_id = $1 AND kind = 'bulk'`, [groupId]);
    await client.query(`UPDATE event_group SET undone_at = now(), undone_by = $2 WHERE id = $1`, [groupId, actor.id]);
    await client.query("COMMIT");
    return { groupId, restored, kept: (total.rows[0]?.n ?? 0) - restored };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Recent bulk actions, newest first, keyset-paged by id. */
export async function listGroups(opts: { before?: number; limit?: number } = {}): Promise<EventGroupRow[]> {
  const { rows } = await pool().query<EventGroupRow>(
    `SELECT g.id, g.kind, g.action, g.filter, g.changed, g.audit_id AS "auditId", g.actor_id AS "actorId", u.name AS "actorName",
       g.created_at AS "createdAt", g.undone_at AS "undoneAt"
     FROM event_group g LEFT JOIN app_user u ON u.id = g.actor_id
     WHERE ($1::int IS NULL OR g.id < $1) ORDER BY g.id DESC LIMIT $2`, [opts.before ?? null, Math.min(opts.limit ?? 50, 200)]);
  return rows.map((r) => ({ ...r, createdAt: String((r.createdAt as unknown as Date).toISOString?.() ?? r.createdAt),
    undoneAt: r.undoneAt ? new Date(r.undoneAt).toISOString() : null }));
}
