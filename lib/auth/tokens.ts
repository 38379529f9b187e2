import crypto from "node:crypto";
import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { ACTIVE_USER } from "./active";
import type { SessionUser } from "./roles";
import { sha256 } from "./sessions";

export interface ApiTokenRow {
  id: number; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null;
  expiresAt: string | null; userId: number; userEmail: string;
}

export const MAX_TOKEN_DAYS = 3650;
const COLUMNS = `t.id, t.name, t.prefix, t.created_at AS "createdAt", t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt",
  t.expires_at AS "expiresAt", t.user_id AS "userId", u.email AS "userEmail"`;

/** Creates a bearer token; the secret is returned once and never stored (only its sha256). */
export async function createApiToken(userId: number, name: string, expiresInDays?: number | null): Promise<{ token: string; row: ApiTokenRow }> {
  if (!name.trim()) throw new AppError("bad_request", "a token needs a name");
  if (expiresInDays != null && (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_TOKEN_DAYS)) {
    throw new AppError("bad_request", `a token expires after 1 to ${MAX_TOKEN_DAYS} days, or never`);
  }
  const token = `in2_${crypto.randomBytes(24).toString("base64url")}`;
  const { rows } = await pool().query<ApiTokenRow>(
    `WITH t AS (INSERT INTO api_token (user_id, name, token_hash, prefix, expires_at)
       VALUES ($1, $2, $3, $4, CASE WHEN $5::int IS NULL THEN NULL ELSE now() + make_interval(days => $5::int) END) RETURNING *)
     SELECT ${COLUMNS} FROM t JOIN app_user u ON u.id = t.user_id`,
    [userId, name.trim().slice(0, 100), sha256(token), token.slice(0, 10), expiresInDays ?? null]);
  return { token, row: rows[0]! };
}

/** One user's tokens, or (userId null, admins only) everyone's; newest first. */
export async function listApiTokens(userId: number | null, limit = 500): Promise<ApiTokenRow[]> {
  const { rows } = await pool().query<ApiTokenRow>(
    `SELECT ${COLUMNS} FROM api_token t JOIN app_user u ON u.id = t.user_id
     WHERE ($1::int IS NULL OR t.user_id = $1) ORDER BY t.id DESC LIMIT $2`, [userId, limit]);
  return rows;
}

/** Revokes a token of `ownerId`, or any token when `ownerId` is null (an admin). Returns the revoked row. */
export async function revokeApiToken(ownerId: number | null, id: number): Promise<ApiTokenRow> {
  const { rows } = await pool().query<ApiTokenRow>(
    `WITH t AS (UPDATE api_token SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND ($2::int IS NULL OR user_id = $2) RETURNING *)
     SELECT ${COLUMNS} FROM t JOIN app_user u ON u.id = t.user_id`, [id, ownerId]);
  if (!rows[0]) throw new AppError("not_found", `token ${id} does not exist`);
  return rows[0];
}

export async function revokeUserTokens(userId: number): Promise<number> {
  const { rowCount } = await pool().query(`UPDATE api_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  return rowCount ?? 0;
}

/**
 * The user behind a bearer token: unknown, revoked and expired tokens and inactive accounts get nothing.
 * last_used_at is written at most once a minute per token, so a busy script does not write on every call.
 */
export async function userForApiToken(token: string): Promise<SessionUser | undefined> {
  if (!token.startsWith("in2_") || token.length > 200) return undefined;
  const { rows } = await pool().query<SessionUser>(
    `WITH t AS (
       SELECT id, user_id, last_used_at FROM api_token
       WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())),
     touched AS (
       UPDATE api_token SET last_used_at = now() FROM t
       WHERE api_token.id = t.id AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute'))
     SELECT u.id, u.email, u.name, u.role::text AS role FROM t JOIN app_user u ON u.id = t.user_id WHERE ${ACTIVE_USER}`,
    [sha256(token)]);
  return rows[0];
}
