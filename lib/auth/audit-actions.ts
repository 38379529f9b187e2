/** Security-relevant actions (importable by client components: no database code here); Settings → Audit filters by them. */
export const AUDIT_ACTIONS = [
  "sign_in", "sign_in_failed", "sign_out", "sign_out_all", "password_changed", "password_reset",
  "user_created", "role_changed", "user_disabled", "user_enabled", "user_removed",
  "token_created", "token_revoked", "endpoint_created", "endpoint_updated", "endpoint_removed",
  "export_downloaded", "setup",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEventRow {
  id: string; createdAt: string; actorId: number | null; actorEmail: string | null; action: AuditAction;
  target: string | null; ip: string | null; detail: Record<string, unknown>;
}

