import { NextRequest } from "next/server";
import { createSession } from "@/lib/auth/sessions";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/auth/users";

/** A signed-in user of the given role in the test database, and requests carrying its session. */
export async function signedIn(role: Role, email = `${role}-${Math.random().toString(36).slice(2, 8)}@test.in2`) {
  const user = await createUser({ email, role, password: "test user password" });
  const cookie = `in2_session=${(await createSession(user.id)).token}`;
  const request = (url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) =>
    new NextRequest(new URL(url, "http://localhost"), {
      method: init.method ?? "GET",
      body: init.body,
      headers: { cookie, origin: "http://localhost", "content-type": "application/json", ...init.headers },
    });
  return { user, cookie, request };
}
