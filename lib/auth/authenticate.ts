import { AppError } from "@/lib/api/errors";
import { verifyPassword } from "./password";
import { assertLoginAllowed, recordLoginAttempt } from "./rate-limit";
import type { SessionUser } from "./roles";
import { createSession, SESSION_COOKIE, userForSession } from "./sessions";
import { userForApiToken } from "./tokens";
import { findUserForLogin } from "./users";

export interface RequestLike {
  headers: { get(name: string): string | null };
  cookies: { get(name: string): { value: string } | undefined };
}

/** Who is calling: a bearer token (scripts, CLI) or the session cookie (the browser); undefined when neither. */
export async function authenticate(req: RequestLike): Promise<SessionUser | undefined> {
  const bearer = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return userForApiToken(bearer);
  return userForSession(req.cookies.get(SESSION_COOKIE)?.value);
}

export function clientIp(req: RequestLike): string {
  return req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || req.headers.get("x-real-ip") || "local";
}

/** Checks email and password (rate-limited) and opens a session. The error never says which one was wrong. */
export async function login(email: string, password: string, ip: string): Promise<{ user: SessionUser; token: string; expiresAt: Date }> {
  await assertLoginAllowed(email, ip);
  const user = await findUserForLogin(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? null);
  await recordLoginAttempt(email, ip, ok && !!user);
  if (!ok || !user) throw new AppError("unauthorized", "wrong email or password");
  const { token, expiresAt } = await createSession(user.id);
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, token, expiresAt };
}
