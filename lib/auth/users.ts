import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { hashPassword, passwordProblem } from "./password";
import { isRole, type Role, type SessionUser } from "./roles";

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** True until the first account with a password exists: the app then asks for the admin account. */
export async function setupNeeded(): Promise<boolean> {
  const { rowCount } = await pool().query(`SELECT 1 FROM app_user WHERE password_hash IS NOT NULL LIMIT 1`);
  return rowCount === 0;
}

export async function createUser(input: { email: string; name?: string; role: Role; password: string }): Promise<SessionUser> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new AppError("bad_request", `"${input.email}" is not an email address`);
  if (!isRole(input.role)) throw new AppError("bad_request", `unknown role "${input.role}"`);
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError("bad_request", problem);
  const hash = await hashPassword(input.password);
  const { rows } = await pool().query<SessionUser>(
    `INSERT INTO app_user (email, name, role, password_hash) VALUES ($1, $2, $3::"Role", $4)
     ON CONFLICT (email) DO NOTHING RETURNING id, email, name, role::text AS role`,
    [email, input.name?.trim() || email.split("@")[0], input.role, hash]);
  if (!rows[0]) throw new AppError("conflict", `a user with the email ${email} already exists`);
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

export async function listUsers(): Promise<(SessionUser & { createdAt: string; canSignIn: boolean })[]> {
  const { rows } = await pool().query(
    `SELECT id, email, name, role::text AS role, created_at AS "createdAt", password_hash IS NOT NULL AS "canSignIn"
     FROM app_user ORDER BY id`);
  return rows;
}

export async function setUserRole(id: number, role: Role): Promise<SessionUser> {
  if (!isRole(role)) throw new AppError("bad_request", `unknown role "${role}"`);
  if (role !== "admin") {
    const { rows: others } = await pool().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM app_user WHERE role = 'admin' AND password_hash IS NOT NULL AND id <> $1`, [id]);
    if (others[0]!.n === 0) throw new AppError("conflict", "this is the last admin; make someone else admin first");
  }
  const { rows } = await pool().query<SessionUser>(
    `UPDATE app_user SET role = $2::"Role" WHERE id = $1 RETURNING id, email, name, role::text AS role`, [id, role]);
  if (!rows[0]) throw new AppError("not_found", `user ${id} does not exist`);
  return rows[0];
}

export async function findUserForLogin(email: string): Promise<(SessionUser & { passwordHash: string | null }) | undefined> {
  const { rows } = await pool().query<SessionUser & { passwordHash: string | null }>(
    `SELECT id, email, name, role::text AS role, password_hash AS "passwordHash" FROM app_user WHERE email = $1`,
    [email.trim().toLowerCase()]);
  return rows[0];
}
