import crypto from "node:crypto";
import type { PoolClient, QueryConfig } from "pg";
import { pool } from "@/lib/db/client";
import { prepared, RUNS_PAST_CUSTOM_PLANS } from "@/lib/db/prepared";
import { ACTIVE_USER } from "./active";
import type { SessionUser } from "./roles";

export const SESSION_COOKIE = "in2_session";
export const SESSION_DAYS = 14;

export function sha256(s: string): string {
  return crypto.createHash("sha256").update(s).digest("hex");
}

/** A new session for the user; returns the secret token for the cookie (only its hash is stored). */
export async function createSession(userId: number): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await pool().query(`INSERT INTO session (id, user_id, expires_at) VALUES ($1, $2, $3)`, [sha256(token), userId, expiresAt]);
  return { token, expiresAt };
}

/**
 * How stale `last_seen_at` may get before a request writes it again. Every API request resolves its session; writing
 * the row each time made every read (next pair, a page of pairs) a write too (a row lock, WAL) and cost 50 reviewers
 * opening the review queue at once a write each in the burst (bench:team). Refusals are never throttled: expiry,
 * a deleted session (sign-out, "sign out everywhere", a password reset) and a disabled or removed account are read
 * from the database on every request.
 */
export const SESSION_TOUCH_SECONDS = 60;

/**
 * The user behind a session token, or undefined when it is unknown, expired, or its account is not active. Sliding
 * expiry: a session seen again after 10 minutes away is extended to SESSION_DAYS from then. Read-only unless
 * `last_seen_at` is older than SESSION_TOUCH_SECONDS (the write is in the same statement, applied only then).
 */
export async function userForSession(token: string | undefined): Promise<SessionUser | undefined> {
  if (!token || token.length > 200) return undefined;
  const { rows } = await pool().query<SessionUser>(sessionQuery(token));
  return rows[0];
}

/** The session check every request runs: a named statement, parsed once per connection, not planned again after five runs. */
function sessionQuery(token: string): QueryConfig {
  return prepared(
    `WITH s AS (
       SELECT s.id, s.user_id, s.last_seen_at FROM session s WHERE s.id = $1 AND s.expires_at > now()),
     touch AS (
       UPDATE session t SET last_seen_at = now(),
         expires_at = CASE WHEN t.last_seen_at < now() - interval '10 minutes' THEN now() + make_interval(days => $2) ELSE t.expires_at END
       FROM s WHERE t.id = s.id AND s.last_seen_at < now() - make_interval(secs => $3) AND t.expires_at > now())
     SELECT u.id, u.email, u.name, u.role::text AS role FROM s JOIN app_user u ON u.id = s.user_id WHERE ${ACTIVE_USER}`,
    [sha256(token), SESSION_DAYS, SESSION_TOUCH_SECONDS]);
}

/**
 * Warms one pooled connection for the session check (parsed, and past the five custom plans PostgreSQL makes before
 * it keeps the generic one) with a token that matches no session.
 */
export async function warmSessionCheck(db: PoolClient): Promise<void> {
  for (let i = 0; i < RUNS_PAST_CUSTOM_PLANS; i++) await db.query(sessionQuery(crypto.randomBytes(24).toString("base64url")));
}

export async function deleteSession(token: string | undefined): Promise<void> {
  if (token) await pool().query(`DELETE FROM session WHERE id = $1`, [sha256(token)]);
}

/** Ends every session of a user, except optionally the one making the request; returns how many ended. */
export async function deleteUserSessions(userId: number, keepToken?: string): Promise<number> {
  const { rowCount } = await pool().query(`DELETE FROM session WHERE user_id = $1 AND ($2::text IS NULL OR id <> $2)`,
    [userId, keepToken ? sha256(keepToken) : null]);
  return rowCount ?? 0;
}
