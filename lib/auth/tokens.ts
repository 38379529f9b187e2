import crypto from "node:crypto";
import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import type { SessionUser } from "./roles";
import { sha256 } from "./sessions";

export interface ApiTokenRow { id: number; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }

/** Creates a bearer token; the secret is returned once and never stored (only its sha256). */
export async function createApiToken(userId: number, name: string): Promise<{ token: string; row: ApiTokenRow }> {
  if (!name.trim()) throw new AppError("bad_request", "a token needs a name");
  const token = `in2_${crypto.randomBytes(24).toString("base64url")}`;
  const { rows } = await pool().query<ApiTokenRow>(
    `INSERT INTO api_token (user_id, name, token_hash, prefix) VALUES ($1, $2, $3, $4)
     RETURNING id, name, prefix, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`,
    [userId, name.trim().slice(0, 100), sha256(token), token.slice(0, 10)]);
  return { token, row: rows[0]! };
}

export async function listApiTokens(userId: number): Promise<ApiTokenRow[]> {
  const { rows } = await pool().query<ApiTokenRow>(
    `SELECT id, name, prefix, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
     FROM api_token WHERE user_id = $1 ORDER BY id DESC`, [userId]);
  return rows;
}

export async function revokeApiToken(userId: number, id: number): Promise<void> {
  const { rowCount } = await pool().query(
    `UPDATE api_token SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND user_id = $2`, [id, userId]);
  if (!rowCount) throw new AppError("not_found", `token ${id} does not exist`);
}

export async function userForApiToken(token: string): Promise<SessionUser | undefined> {
  if (!token.startsWith("in2_") || token.length > 200) return undefined;
  const { rows } = await pool().query<SessionUser>(
    `WITH t AS (UPDATE api_token SET last_used_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING user_id)
     SELECT u.id, u.email, u.name, u.role::text AS role FROM t JOIN app_user u ON u.id = t.user_id`, [sha256(token)]);
  return rows[0];
}
