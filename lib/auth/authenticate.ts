import { AppError } from "@/lib/api/errors";
import { audit } from "./audit";
import { clientIp as ipFromHeaders } from "./client-ip";
import { verifyPassword } from "./password";
import { pruneAuthNow } from "./prune";
import { beginLoginAttempt } from "./rate-limit";
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

export function clientIp(req: { headers: { get(name: string): string | null } }): string {
  return ipFromHeaders(req.headers);
}

/**
 * Checks email and password (rate-limited per address and account) and opens a session. The error never says
 * which one was wrong, nor whether the account is disabled.
 */
export async function login(email: string, password: string, ip: string): Promise<{ user: SessionUser; token: string; expiresAt: Date }> {
  void pruneAuthNow();
  const attempt = await beginLoginAttempt(email, ip);
  const user = await findUserForLogin(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? null);
  if (!ok || !user) {
    await audit("sign_in_failed", { target: email.replace(/\u0000/g, "").trim().toLowerCase().slice(0, 320), ip });
    throw new AppError("unauthorized", "wrong email or password");
  }
  await attempt.succeeded();
  const { token, expiresAt } = await createSession(user.id);
  const sessionUser = { id: user.id, email: user.email, name: user.name, role: user.role };
  await audit("sign_in", { actor: sessionUser, target: user.email, ip });
  return { user: sessionUser, token, expiresAt };
}
