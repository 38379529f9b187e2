import { pool } from "@/lib/db/client";

/** How long finished things are kept: revoked/expired tokens stay visible a while so their owner sees what happened. */
export const KEEP = { tokenDays: 30, loginAttemptDays: 7 };

/** Deletes expired sessions, tokens expired or revoked more than KEEP.tokenDays ago, and old login attempts. */
export async function pruneAuth(): Promise<{ sessions: number; tokens: number; loginAttempts: number }> {
  const s = await pool().query(`DELETE FROM session WHERE expires_at < now()`);
  const t = await pool().query(
    `DELETE FROM api_token WHERE least(coalesce(expires_at, 'infinity'), coalesce(revoked_at, 'infinity')) < now() - make_interval(days => $1)`,
    [KEEP.tokenDays]);
  const a = await pool().query(`DELETE FROM login_attempt WHERE created_at < now() - make_interval(days => $1)`, [KEEP.loginAttemptDays]);
  return { sessions: s.rowCount ?? 0, tokens: t.rowCount ?? 0, loginAttempts: a.rowCount ?? 0 };
}

let lastPrune = 0;

/** At most every 10 minutes per process, from the sign-in path: cheap on the indexes, and no scheduler needed. */
export async function pruneAuthNow(): Promise<void> {
  if (Date.now() - lastPrune < 10 * 60_000) return;
  lastPrune = Date.now();
  await pruneAuth().catch((err) => console.error("[auth] prune failed:", (err as Error).message));
}
