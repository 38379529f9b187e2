import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { ACTIVE_USER } from "./active";
import { hashPassword, passwordProblem, verifyPassword } from "./password";
import { isRole, type Role, type SessionUser } from "./roles";
import { deleteUserSessions } from "./sessions";
import { revokeUserTokens } from "./tokens";

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export type UserStatus = "active" | "disabled" | "removed" | "no_password";
export interface UserRow extends SessionUser { createdAt: string; status: UserStatus; disabledAt: string | null; removedAt: string | null }

const USER_COLUMNS = `u.id, u.email, u.name, u.role::text AS role`;
const STATUS = `CASE WHEN u.removed_at IS NOT NULL THEN 'removed' WHEN u.disabled_at IS NOT NULL THEN 'disabled'
  WHEN u.password_hash IS NULL THEN 'no_password' ELSE 'active' END`;

/** True until the first account with a password exists: the app then asks for the admin account. */
export async function setupNeeded(): Promise<boolean> {
  const { rowCount } = await pool().query(`SELECT 1 FROM app_user WHERE password_hash IS NOT NULL OR removed_at IS NOT NULL LIMIT 1`);
  return rowCount === 0;
}

export async function createUser(input: { email: string; name?: string; role: Role; password: string }): Promise<SessionUser> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 320) throw new AppError("bad_request", `"${input.email.slice(0, 320)}" is not an email address`);
  if (!isRole(input.role)) throw new AppError("bad_request", `unknown role "${input.role}"`);
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError("bad_request", problem);
  const hash = await hashPassword(input.password);
  const { rows } = await pool().query<SessionUser>(
    `INSERT INTO app_user (email, name, role, password_hash) VALUES ($1, $2, $3::"Role", $4)
     ON CONFLICT (email) DO NOTHING RETURNING id, email, name, role::text AS role`,
    [email, (input.name?.trim() || email.split("@")[0]!).slice(0, 200), input.role, hash]);
  if (!rows[0]) throw new AppError("conflict", `a user with the email ${email} already exists (a removed account keeps its email, so its history stays attributed)`);
  return rows[0];
}

/** The first admin, created from the setup page; refused once any account exists. */
export async function createFirstAdmin(input: { email: string; name?: string; password: string }): Promise<SessionUser> {
  const client = await pool().connect();
  try {
    // serialise concurrent setup attempts: only one can create the first admin
    await client.query("SELECT pg_advisory_lock(7302519212)");
    if (!(await setupNeeded())) throw new AppError("forbidden", "the admin account already exists; sign in instead");
    return await createUser({ ...input, role: "admin" });
  } finally {
    await client.query("SELECT pg_advisory_unlock(7302519212)").catch(() => {});
    client.release();
  }
}

export async function listUsers(): Promise<UserRow[]> {
  const { rows } = await pool().query<UserRow>(
    `SELECT ${USER_COLUMNS}, u.created_at AS "createdAt", ${STATUS} AS status, u.disabled_at AS "disabledAt", u.removed_at AS "removedAt"
     FROM app_user u ORDER BY (u.removed_at IS NOT NULL), u.id LIMIT 10000`);
  return rows;
}

export async function getUser(id: number): Promise<UserRow> {
  const { rows } = await pool().query<UserRow>(
    `SELECT ${USER_COLUMNS}, u.created_at AS "createdAt", ${STATUS} AS status, u.disabled_at AS "disabledAt", u.removed_at AS "removedAt"
     FROM app_user u WHERE u.id = $1`, [id]);
  if (!rows[0]) throw new AppError("not_found", `user ${id} does not exist`);
  return rows[0];
}

/** Refuses a change that would leave no active admin (nobody could then manage accounts from the app). */
async function assertAnotherActiveAdmin(id: number): Promise<void> {
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM app_user u WHERE u.role = 'admin' AND ${ACTIVE_USER} AND u.id <> $1`, [id]);
  if (rows[0]!.n === 0) throw new AppError("conflict", "this is the last active admin; make someone else admin first");
}

async function activeTarget(id: number): Promise<UserRow> {
  const u = await getUser(id);
  if (u.status === "removed") throw new AppError("conflict", `${u.email} was removed; a removed account cannot be changed`);
  return u;
}

export async function setUserRole(id: number, role: Role): Promise<SessionUser> {
  if (!isRole(role)) throw new AppError("bad_request", `unknown role "${role}"`);
  const u = await activeTarget(id);
  if (role !== "admin" && u.role === "admin") await assertAnotherActiveAdmin(id);
  const { rows } = await pool().query<SessionUser>(
    `UPDATE app_user SET role = $2::"Role" WHERE id = $1 RETURNING id, email, name, role::text AS role`, [id, role]);
  return rows[0]!;
}

/** Disabling ends the account's sessions and revokes its tokens at once; sign-in is refused until enabled. */
export async function disableUser(id: number, actorId?: number): Promise<UserRow> {
  if (id === actorId) throw new AppError("conflict", "you cannot disable your own account; ask another admin");
  const u = await activeTarget(id);
  if (u.role === "admin") await assertAnotherActiveAdmin(id);
  await pool().query(`UPDATE app_user SET disabled_at = coalesce(disabled_at, now()) WHERE id = $1`, [id]);
  await deleteUserSessions(id);
  await revokeUserTokens(id);
  return getUser(id);
}

export async function enableUser(id: number): Promise<UserRow> {
  await activeTarget(id);
  await pool().query(`UPDATE app_user SET disabled_at = NULL WHERE id = $1`, [id]);
  return getUser(id);
}

/**
 * Removes an account for good: no password, no sessions, no tokens. The row stays (with its email and name), so
 * pairs, reviews and jobs it touched stay attributed to it.
 */
export async function removeUser(id: number, actorId?: number): Promise<UserRow> {
  if (id === actorId) throw new AppError("conflict", "you cannot remove your own account; ask another admin");
  const u = await activeTarget(id);
  if (u.role === "admin") await assertAnotherActiveAdmin(id);
  await pool().query(`UPDATE app_user SET removed_at = now(), password_hash = NULL WHERE id = $1`, [id]);
  await deleteUserSessions(id);
  await revokeUserTokens(id);
  return getUser(id);
}

/** An admin sets a new password; the account's sessions end (whoever knew the old one is signed out). */
export async function resetPassword(id: number, password: string): Promise<UserRow> {
  const problem = passwordProblem(password);
  if (problem) throw new AppError("bad_request", problem);
  await activeTarget(id);
  await pool().query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [id, await hashPassword(password)]);
  await deleteUserSessions(id);
  return getUser(id);
}

/** A user changes their own password: the current one is required; their other sessions end. */
export async function changeOwnPassword(id: number, current: string, next: string, keepSessionToken?: string): Promise<void> {
  const { rows } = await pool().query<{ hash: string | null }>(`SELECT password_hash AS hash FROM app_user WHERE id = $1`, [id]);
  if (!(await verifyPassword(current, rows[0]?.hash ?? null))) throw new AppError("bad_request", "the current password is wrong");
  const problem = passwordProblem(next);
  if (problem) throw new AppError("bad_request", problem);
  await pool().query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [id, await hashPassword(next)]);
  await deleteUserSessions(id, keepSessionToken);
}

/** Sign-in looks only at active accounts: a disabled or removed one answers like a wrong password. */
export async function findUserForLogin(email: string): Promise<(SessionUser & { passwordHash: string | null }) | undefined> {
  const { rows } = await pool().query<SessionUser & { passwordHash: string | null }>(
    `SELECT ${USER_COLUMNS}, u.password_hash AS "passwordHash" FROM app_user u WHERE u.email = $1 AND ${ACTIVE_USER}`,
    [email.replace(/\u0000/g, "").trim().toLowerCase()]);
  return rows[0];
}

/** For the CLI: users are named by email there. */
export async function userIdByEmail(email: string): Promise<number> {
  const { rows } = await pool().query<{ id: number }>(`SELECT id FROM app_user WHERE email = $1`, [email.trim().toLowerCase()]);
  if (!rows[0]) throw new AppError("not_found", `no user with the email ${email}`);
  return rows[0].id;
}
