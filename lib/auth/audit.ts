import { pool } from "@/lib/db/client";
import type { SessionUser } from "./roles";

/** Security-relevant actions; the Settings → Audit view filters by them. */
export const AUDIT_ACTIONS = [
  "sign_in", "sign_in_failed", "sign_out", "sign_out_all", "password_changed", "password_reset",
  "user_created", "role_changed", "user_disabled", "user_enabled", "user_removed",
  "token_created", "token_revoked", "endpoint_created", "endpoint_updated", "endpoint_removed",
  "export_downloaded", "setup",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActor { id: number; email: string }

export interface AuditEventRow {
  id: string; createdAt: string; actorId: number | null; actorEmail: string | null; action: AuditAction;
  target: string | null; ip: string | null; detail: Record<string, unknown>;
}

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
