import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as me } from "@/app/api/auth/me/route";
import { POST as setup } from "@/app/api/auth/setup/route";
import { GET as listTokens, POST as newToken } from "@/app/api/tokens/route";
import { DELETE as revokeToken } from "@/app/api/tokens/[id]/route";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { csrfProblem } from "@/lib/auth/security-headers";
import { useTestDatabase } from "../support/db";
import { runCli } from "../support/cli";

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
function req(url: string, init: { method?: string; json?: unknown; cookie?: string; bearer?: string; ip?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": init.ip ?? "10.0.0.1" };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
  return new NextRequest(new URL(url, "http://localhost"), { method: init.method ?? "GET", headers, body: init.json ? JSON.stringify(init.json) : undefined });
}
const cookieOf = (res: Response) => res.headers.get("set-cookie")?.split(";")[0] ?? "";

beforeAll(async () => {
  await useTestDatabase();
});

describe("passwords", () => {
  it("are hashed with scrypt and verified, never stored in clear", async () => {
    const h = await hashPassword("correct horse battery");
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(h).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", h)).toBe(true);
    expect(await verifyPassword("correct horse batterz", h)).toBe(false);
    expect(await verifyPassword("anything", null)).toBe(false);
  });
});

describe("first run, sign-in and tokens", () => {
  let adminCookie = "";

  it("asks for the admin account on a fresh install, creates it once, and signs it in", async () => {
    expect(await (await me(req("/api/auth/me"), ctx())).json()).toEqual({ user: null, setupNeeded: true });
    const weak = await setup(req("/api/auth/setup", { method: "POST", json: { email: "ada@lab.org", password: "short" } }), ctx());
    expect(weak.status).toBe(400);
    const res = await setup(req("/api/auth/setup", { method: "POST", json: { email: "ada@lab.org", name: "Ada", password: "a long enough secret" } }), ctx());
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/in2_session=[\w-]+/);
    expect(setCookie.toLowerCase()).toContain("httponly");
    expect(setCookie.toLowerCase()).toContain("samesite=lax");
    adminCookie = cookieOf(res);
    const who = await (await me(req("/api/auth/me", { cookie: adminCookie }), ctx())).json();
    expect(who).toEqual({ user: { id: expect.any(Number), email: "ada@lab.org", name: "Ada", role: "admin" }, setupNeeded: false });
    const again = await setup(req("/api/auth/setup", { method: "POST", json: { email: "eve@lab.org", password: "another long secret" } }), ctx());
    expect(again.status).toBe(403);
  });

  it("refuses a wrong password without saying which part was wrong, and rate-limits guessing", async () => {
    const wrong = await login(req("/api/auth/login", { method: "POST", json: { email: "ada@lab.org", password: "not the password" }, ip: "10.9.9.9" }), ctx());
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.message).toBe("wrong email or password");
    const nobody = await login(req("/api/auth/login", { method: "POST", json: { email: "nobody@lab.org", password: "not the password" }, ip: "10.9.9.9" }), ctx());
    expect((await nobody.json()).error.message).toBe("wrong email or password");
    for (let i = 0; i < 4; i++) await login(req("/api/auth/login", { method: "POST", json: { email: "ada@lab.org", password: `guess ${i}` }, ip: "10.9.9.9" }), ctx());
    const limited = await login(req("/api/auth/login", { method: "POST", json: { email: "ada@lab.org", password: "a long enough secret" }, ip: "10.9.9.9" }), ctx());
    expect(limited.status).toBe(429);
  });

  it("gives scripts bearer tokens that work until revoked", async () => {
    const created = await newToken(req("/api/tokens", { method: "POST", json: { name: "nightly" }, cookie: adminCookie }), ctx());
    const { token, row } = await created.json();
    expect(token).toMatch(/^in2_/);
    const listed = await (await listTokens(req("/api/tokens", { bearer: token }), ctx())).json();
    expect(listed.tokens.map((t: { name: string }) => t.name)).toContain("nightly");
    expect(JSON.stringify(listed)).not.toContain(token);
    await revokeToken(req(`/api/tokens/${row.id}`, { method: "DELETE", bearer: token }), ctx({ id: String(row.id) }));
    const after = await listTokens(req("/api/tokens", { bearer: token }), ctx());
    expect(after.status).toBe(401);
  });

  it("adds users from the CLI with the password on stdin", async () => {
    const r = await runCli(["user", "add", "--email", "rev@lab.org", "--role", "reviewer"], {}, "reviewer password 1\n");
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toEqual({ user: { id: expect.any(Number), email: "rev@lab.org", name: "rev", role: "reviewer" } });
    const res = await login(req("/api/auth/login", { method: "POST", json: { email: "rev@lab.org", password: "reviewer password 1" }, ip: "10.1.1.1" }), ctx());
    expect(res.status).toBe(200);
    const bad = await runCli(["user", "add", "--email", "x@lab.org", "--role", "boss"], {}, "whatever password\n");
    expect(bad.code).toBe(2);
  });
});

describe("CSRF origin check", () => {
  const h = (o: Record<string, string>) => ({ get: (n: string) => o[n.toLowerCase()] ?? null });
  it("lets same-site and bearer requests through and refuses cross-site or origin-less state changes", () => {
    expect(csrfProblem("GET", h({}), "http://localhost:3000")).toBeNull();
    expect(csrfProblem("POST", h({ origin: "http://localhost:3000" }), "http://localhost:3000")).toBeNull();
    expect(csrfProblem("POST", h({ referer: "http://localhost:3000/pairs" }), "http://localhost:3000")).toBeNull();
    expect(csrfProblem("POST", h({ authorization: "Bearer in2_x" }), "http://localhost:3000")).toBeNull();
    expect(csrfProblem("POST", h({ origin: "https://evil.example" }), "http://localhost:3000")).toMatch(/cross-site/);
    expect(csrfProblem("PATCH", h({}), "http://localhost:3000")).toMatch(/Origin/);
  });
});
