import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";
import { account, METHODS, routeUrl, startTestServer, type TestServer } from "./http-server";

/** Disabling an account ends its sessions and makes its tokens fail at once, on every route, through one rule. */
let app: TestServer;
let admin: Awaited<ReturnType<typeof account>>;
let victim: Awaited<ReturnType<typeof account>>;

beforeAll(async () => {
  await useTestDatabase();
  app = await startTestServer();
  admin = await account("admin");
  victim = await account("admin", "victim@security.test");
});
afterAll(async () => {
  await app.close();
});

async function everyRoute(credentials: { cookie?: string; bearer?: string }): Promise<{ route: string; status: number }[]> {
  const out: { route: string; status: number }[] = [];
  for (const e of app.routes) {
    for (const method of METHODS) {
      const handler = e.module[method];
      if (!handler || handler.role === "public") continue;
      const res = await app.call(method, routeUrl(e), { ...credentials, ...(method === "GET" || method === "DELETE" ? {} : { json: {} }) });
      out.push({ route: `${method} ${routeUrl(e)}`, status: res.status });
    }
  }
  return out;
}

describe("a disabled user", () => {
  it("works before, and gets 401 on every route with the old session and the old token after", async () => {
    const me = await app.call("GET", "/api/auth/me", { cookie: victim.cookie });
    expect((me.json as { user: { email: string } }).user.email).toBe("victim@security.test");
    expect((await app.call("GET", "/api/users", { bearer: victim.token })).status).toBe(200);

    const res = await app.call("PATCH", `/api/users/${victim.user.id}`, { cookie: admin.cookie, json: { disabled: true } });
    expect(res.status, res.body).toBe(200);
    expect((res.json as { user: { status: string } }).user.status).toBe("disabled");

    for (const credentials of [{ cookie: victim.cookie }, { bearer: victim.token }]) {
      const results = await everyRoute(credentials);
      expect(results.length).toBeGreaterThan(30);
      expect(results.filter((r) => r.status !== 401), JSON.stringify(credentials)).toEqual([]);
      const who = await app.call("GET", "/api/auth/me", credentials);
      expect((who.json as { user: unknown }).user).toBeNull();
    }
    // and cannot sign in again, answered like a wrong password
    const login = await app.call("POST", "/api/auth/login", { json: { email: "victim@security.test", password: victim.password }, from: "127.0.0.3" });
    expect(login.status).toBe(401);
    expect(JSON.stringify(login.json)).toMatch(/wrong email or password/);
  });

  it("stays locked out of the old session and token after being enabled again (they ended); a fresh sign-in works", async () => {
    const res = await app.call("PATCH", `/api/users/${victim.user.id}`, { cookie: admin.cookie, json: { disabled: false } });
    expect((res.json as { user: { status: string } }).user.status).toBe("active");
    expect((await app.call("GET", "/api/stats", { cookie: victim.cookie })).status).toBe(401);
    expect((await app.call("GET", "/api/stats", { bearer: victim.token })).status).toBe(401);
    const login = await app.call("POST", "/api/auth/login", { json: { email: "victim@security.test", password: victim.password }, from: "127.0.0.4" });
    expect(login.status, login.body).toBe(200);
  });

  it("the one rule also holds when the flag is set behind the app's back (no session deleted, no token revoked)", async () => {
    const other = await account("curator");
    expect((await app.call("GET", "/api/stats", { bearer: other.token })).status).toBe(200);
    await pool().query(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [other.user.id]);
    expect((await app.call("GET", "/api/stats", { bearer: other.token })).status).toBe(401);
    expect((await app.call("GET", "/api/stats", { cookie: other.cookie })).status).toBe(401);
  });

  it("an admin cannot disable or remove themselves, nor the last active admin", async () => {
    const self = await app.call("PATCH", `/api/users/${admin.user.id}`, { cookie: admin.cookie, json: { disabled: true } });
    expect(self.status).toBe(409);
    expect(JSON.stringify(self.json)).toMatch(/your own account/);
    // victim is the only other admin; demoting it then leaves admin as the last one
    expect((await app.call("PATCH", `/api/users/${victim.user.id}`, { cookie: admin.cookie, json: { role: "viewer" } })).status).toBe(200);
    const { rows } = await pool().query<{ id: number }>(`SELECT id FROM app_user WHERE email = 'victim@security.test'`);
    expect(rows[0]!.id).toBe(victim.user.id);
    const demoteSelf = await app.call("PATCH", `/api/users/${admin.user.id}`, { cookie: admin.cookie, json: { role: "curator" } });
    expect(demoteSelf.status).toBe(409);
    expect(JSON.stringify(demoteSelf.json)).toMatch(/last active admin/);
  });
});
