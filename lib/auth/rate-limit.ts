import { AppError } from "@/lib/api/errors";
import { pool, withTransaction } from "@/lib/db/client";

/**
 * Password guessing is slowed per (address, account) pair: a few free failures, then a delay that doubles with
 * each further failure up to a cap. The cap bounds it, so a stranger can never lock the owner out for longer than
 * that, and a stranger's failures from another address do not touch the owner's pair at all. Each address also has
 * an overall budget across accounts (password spraying). The address comes from lib/auth/client-ip.ts, which a
 * client cannot choose.
 */
export const LOGIN_LIMITS = {
  freeFailures: 3,
  baseDelaySeconds: 5,
  maxDelaySeconds: 15 * 60,
  /** failures of a pair older than this no longer count */
  pairWindowMinutes: 60,
  perIp: 30,
  ipWindowMinutes: 15,
};

export function delayAfter(failures: number): number {
  if (failures < LOGIN_LIMITS.freeFailures) return 0;
  return Math.min(LOGIN_LIMITS.baseDelaySeconds * 2 ** (failures - LOGIN_LIMITS.freeFailures), LOGIN_LIMITS.maxDelaySeconds);
}

// PostgreSQL text cannot hold NUL; a client may still send one
const norm = (email: string) => email.replace(/\u0000/g, "").trim().toLowerCase().slice(0, 320);

/**
 * Checks the limits and records the attempt as a failure before the password is even checked (`succeeded`
 * turns it into a success), under a lock per pair: concurrent guesses cannot all slip past the check.
 */
export async function beginLoginAttempt(email: string, ip: string): Promise<{ succeeded(): Promise<void> }> {
  const id = await withTransaction(async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7302))`, [`${norm(email)} ${ip}`]);
    const { rows } = await client.query<{ pair: number; last: Date | null; by_ip: number; oldest_ip: Date | null }>(
      `WITH ok AS (SELECT max(created_at) AS at FROM login_attempt WHERE email = $1 AND ip = $2 AND success)
       SELECT count(*) FILTER (WHERE email = $1 AND created_at > now() - make_interval(mins => $3)
                                 AND created_at > coalesce((SELECT at FROM ok), '-infinity'))::int AS pair,
              max(created_at) FILTER (WHERE email = $1) AS last,
              count(*) FILTER (WHERE created_at > now() - make_interval(mins => $4))::int AS by_ip,
              min(created_at) FILTER (WHERE created_at > now() - make_interval(mins => $4)) AS oldest_ip
       FROM login_attempt WHERE ip = $2 AND NOT success AND created_at > now() - make_interval(mins => greatest($3, $4))`,
      [norm(email), ip, LOGIN_LIMITS.pairWindowMinutes, LOGIN_LIMITS.ipWindowMinutes]);
    const r = rows[0]!;
    const now = Date.now();
    const wait = r.last ? Math.ceil((r.last.getTime() + delayAfter(r.pair) * 1000 - now) / 1000) : 0;
    if (wait > 0) {
      throw new AppError("rate_limited", `too many failed sign-ins for this account from your address; try again in ${wait} s`, { retryAfterSeconds: wait });
    }
    if (r.by_ip >= LOGIN_LIMITS.perIp) {
      const ipWait = r.oldest_ip ? Math.max(1, Math.ceil((r.oldest_ip.getTime() + LOGIN_LIMITS.ipWindowMinutes * 60_000 - now) / 1000)) : 60;
      throw new AppError("rate_limited", `too many failed sign-ins from your address; try again in ${ipWait} s`, { retryAfterSeconds: ipWait });
    }
    const ins = await client.query<{ id: number }>(`INSERT INTO login_attempt (email, ip, success) VALUES ($1, $2, false) RETURNING id`, [norm(email), ip]);
    return ins.rows[0]!.id;
  });
  return {
    async succeeded() {
      await pool().query(`UPDATE login_attempt SET success = true WHERE id = $1`, [id]);
    },
  };
}
