import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";

/** Failed sign-ins allowed per email, and per client address, in the window, before further tries are refused. */
export const LOGIN_LIMITS = { perEmail: 5, perIp: 20, windowMinutes: 15 };

export async function assertLoginAllowed(email: string, ip: string): Promise<void> {
  const { rows } = await pool().query<{ by_email: number; by_ip: number }>(
    `SELECT count(*) FILTER (WHERE email = $1)::int AS by_email, count(*) FILTER (WHERE ip = $2)::int AS by_ip
     FROM login_attempt WHERE NOT success AND created_at > now() - make_interval(mins => $3) AND (email = $1 OR ip = $2)`,
    [email.trim().toLowerCase(), ip, LOGIN_LIMITS.windowMinutes]);
  const r = rows[0]!;
  if (r.by_email >= LOGIN_LIMITS.perEmail || r.by_ip >= LOGIN_LIMITS.perIp) {
    throw new AppError("rate_limited", `too many failed sign-ins; try again in ${LOGIN_LIMITS.windowMinutes} minutes`);
  }
}

export async function recordLoginAttempt(email: string, ip: string, success: boolean): Promise<void> {
  await pool().query(`INSERT INTO login_attempt (email, ip, success) VALUES ($1, $2, $3)`, [email.trim().toLowerCase(), ip, success]);
}
