import { pool } from "@/lib/db/client";
import type { AuditAction, AuditEventRow } from "./audit-actions";
import type { SessionUser } from "./roles";

export interface AuditActor { id: number; email: string }

export { AUDIT_ACTIONS, type AuditAction, type AuditEventRow } from "./audit-actions";

/**
 * Records one event. Never throws: a failing audit insert must not turn a successful action into an error
 * (it is logged instead). `actor` null: the CLI or the system itself.
 */
export async function audit(action: AuditAction, opts: { actor?: AuditActor | SessionUser | null; target?: string; ip?: string; detail?: Record<string, unknown> } = {}): Promise<void> {
  const actor = opts.actor && opts.actor.id ? opts.actor : null;
  try {
    await pool().query(
      `INSERT INTO audit_event (actor_id, actor_email, action, target, ip, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
      [actor?.id ?? null, actor?.email ?? null, action, opts.target?.slice(0, 400) ?? null, opts.ip?.slice(0, 100) ?? null, JSON.stringify(opts.detail ?? {})]);
  } catch (err) {
    console.error("[audit] could not record", action, (err as Error).message);
  }
}

/** Newest first, keyset-paged by id. */
export async function listAuditEvents(opts: { before?: string; limit?: number; action?: AuditAction } = {}): Promise<{ events: AuditEventRow[]; next: string | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 500);
  const { rows } = await pool().query<AuditEventRow>(
    `SELECT id::text, created_at AS "createdAt", actor_id AS "actorId", actor_email AS "actorEmail", action, target, ip, detail
     FROM audit_event WHERE ($1::bigint IS NULL OR id < $1) AND ($2::text IS NULL OR action = $2)
     ORDER BY id DESC LIMIT $3`, [opts.before ?? null, opts.action ?? null, limit + 1]);
  const more = rows.length > limit;
  const events = rows.slice(0, limit);
  return { events, next: more ? events[events.length - 1]!.id : null };
}
