import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneAuth } from "@/lib/auth/prune";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";
import { account, sessionFrom, startTestServer, type TestServer } from "./http-server";

/** Account lifecycle and tokens over HTTP, and the audit log admins read. */
let app: TestServer;
let admin: Awaited<ReturnType<typeof account>>;
let bob: Awaited<ReturnType<typeof account>>;
let seq = 10;
// each sign-in from its own source address, so the login backoff of one step never touches another
const from = () => `127.0.1.${seq++}`;

beforeAll(async () => {
  await useTestDatabase();
  app = await startTestServer();
  admin = await account("admin", "admin@life.test");
  bob = await account("reviewer", "bob@life.test");
});
afterAll(async () => {
  await app.close();
});

const signIn = async (email: string, password: string) => {
  const r = await app.call("POST", "/api/auth/login", { json: { email, password }, from: from() });
  return { status: r.status, cookie: sessionFrom(r.headers) };
};
const status = async (creds: { cookie?: string; bearer?: string }) => (await app.call("GET", "/api/stats", creds)).status;

describe("account lifecycle", () => {
  it("a user changes their own password (the current one is required); their other sessions end, this one stays", async () => {
    const other = await signIn("bob@life.test", bob.password);
    expect(other.status).toBe(200);
    const wrong = await app.call("POST", "/api/auth/password", { cookie: bob.cookie, json: { current: "not it at all", next: "a brand new password" } });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatch(/current password is wrong/);
    const ok = await app.call("POST", "/api/auth/password", { cookie: bob.cookie, json: { current: bob.password, next: "a brand new password" } });
    expect(ok.status, ok.body).toBe(200);
    expect(await status({ cookie: bob.cookie })).toBe(200);
    expect(await status({ cookie: other.cookie })).toBe(401);
    expect((await signIn("bob@life.test", bob.password)).status).toBe(401);
    bob.password = "a brand new password";
    expect((await signIn("bob@life.test", bob.password)).status).toBe(200);
  });

  it("sign out everywhere ends every session of the caller", async () => {
    const a = await signIn("bob@life.test", bob.password);
    const b = await signIn("bob@life.test", bob.password);
    const res = await app.call("DELETE", "/api/auth/sessions", { cookie: a.cookie });
    expect(res.status).toBe(200);
    expect((res.json as { ended: number }).ended).toBeGreaterThanOrEqual(3);
    for (const c of [a.cookie, b.cookie, bob.cookie]) expect(await status({ cookie: c })).toBe(401);
    expect(await status({ bearer: bob.token })).toBe(200); // tokens are not sessions
  });

  it("an admin resets a password (the user's sessions end) and changes a role; a reviewer can do neither", async () => {
    const s = await signIn("bob@life.test", bob.password);
    const id = bob.user.id;
    expect((await app.call("POST", `/api/users/${id}/password`, { cookie: s.cookie, json: { password: "x".repeat(12) } })).status).toBe(403);
    expect((await app.call("PATCH", `/api/users/${id}`, { cookie: s.cookie, json: { role: "admin" } })).status).toBe(403);
    const reset = await app.call("POST", `/api/users/${id}/password`, { cookie: admin.cookie, json: { password: "set by the admin 1" } });
    expect(reset.status, reset.body).toBe(200);
    expect(await status({ cookie: s.cookie })).toBe(401);
    bob.password = "set by the admin 1";
    const role = await app.call("PATCH", `/api/users/${id}`, { cookie: admin.cookie, json: { role: "curator" } });
    expect((role.json as { user: { role: string } }).user.role).toBe("curator");
    const short = await app.call("POST", `/api/users/${id}/password`, { cookie: admin.cookie, json: { password: "short" } });
    expect(short.status).toBe(400);
  });

  it("removing a user keeps their history attributed; they can never sign in; their tokens stop", async () => {
    const carol = await account("curator", "carol@life.test");
    const job = await pool().query<{ id: number }>(`INSERT INTO job (kind, params, created_by_id) VALUES ('import', '{}', $1) RETURNING id`, [carol.user.id]);
    const res = await app.call("DELETE", `/api/users/${carol.user.id}`, { cookie: admin.cookie });
    expect(res.status, res.body).toBe(200);
    expect((res.json as { user: { status: string } }).user.status).toBe("removed");
    expect(await status({ bearer: carol.token })).toBe(401);
    expect(await status({ cookie: carol.cookie })).toBe(401);
    expect((await signIn("carol@life.test", carol.password)).status).toBe(401);
    const list = await app.call("GET", "/api/users", { cookie: admin.cookie });
    const row = (list.json as { users: { email: string; status: string }[] }).users.find((u) => u.email === "carol@life.test");
    expect(row?.status).toBe("removed");
    // the history stays: the job still names carol, whose row (email, name) is kept
    const who = await pool().query<{ email: string }>(`SELECT u.email FROM job j JOIN app_user u ON u.id = j.created_by_id WHERE j.id = $1`, [job.rows[0]!.id]);
    expect(who.rows[0]?.email).toBe("carol@life.test");
    const again = await app.call("POST", "/api/users", { cookie: admin.cookie, json: { email: "carol@life.test", password: "another password", role: "viewer" } });
    expect(again.status).toBe(409);
    const enable = await app.call("PATCH", `/api/users/${carol.user.id}`, { cookie: admin.cookie, json: { disabled: false } });
    expect(enable.status).toBe(200); // nothing to enable: still removed
    expect((enable.json as { user: { status: string } }).user.status).toBe("removed");
  });
});

describe("API tokens", () => {
  it("can expire, record their last use, and are revoked by their owner or an admin, not by someone else", async () => {
    const made = await app.call("POST", "/api/tokens", { bearer: bob.token, json: { name: "ci", expiresInDays: 7 } });
    expect(made.status, made.body).toBe(200);
    const { token, row } = made.json as { token: string; row: { id: number; expiresAt: string; lastUsedAt: string | null } };
    expect(new Date(row.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect(row.lastUsedAt).toBeNull();
    expect(await status({ bearer: token })).toBe(200);
    const mine = await app.call("GET", "/api/tokens", { bearer: token });
    expect((mine.json as { tokens: { id: number; lastUsedAt: string | null }[] }).tokens.find((t) => t.id === row.id)?.lastUsedAt).not.toBeNull();

    // someone else (not an admin) cannot revoke it, nor list everyone's
    const eve = await account("curator", "eve@life.test");
    expect((await app.call("DELETE", `/api/tokens/${row.id}`, { cookie: eve.cookie })).status).toBe(404);
    expect((await app.call("GET", "/api/tokens?all=true", { cookie: eve.cookie })).status).toBe(403);
    expect(await status({ bearer: token })).toBe(200);
    // an admin sees and revokes it
    const all = await app.call("GET", "/api/tokens?all=true", { cookie: admin.cookie });
    expect((all.json as { tokens: { id: number; userEmail: string }[] }).tokens.find((t) => t.id === row.id)?.userEmail).toBe("bob@life.test");
    expect((await app.call("DELETE", `/api/tokens/${row.id}`, { cookie: admin.cookie })).status).toBe(200);
    expect(await status({ bearer: token })).toBe(401);

    // expiry: a token past its date stops working
    const { token: t2, row: r2 } = (await app.call("POST", "/api/tokens", { bearer: eve.token, json: { name: "short", expiresInDays: 1 } })).json as { token: string; row: { id: number } };
    expect(await status({ bearer: t2 })).toBe(200);
    await pool().query(`UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1`, [r2.id]);
    expect(await status({ bearer: t2 })).toBe(401);
    expect((await app.call("POST", "/api/tokens", { bearer: eve.token, json: { name: "x", expiresInDays: 0 } })).status).toBe(400);
  });

  it("pruning deletes expired sessions, long-dead tokens and old login attempts, and nothing live", async () => {
    await pool().query(`UPDATE session SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [admin.user.id]);
    await pool().query(`UPDATE api_token SET revoked_at = now() - interval '40 days' WHERE revoked_at IS NOT NULL`);
    await pool().query(`INSERT INTO login_attempt (email, ip, success, created_at) VALUES ('old@x', '1.1.1.1', false, now() - interval '8 days')`);
    const live = (await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM session WHERE expires_at > now()`)).rows[0]!.n;
    const pruned = await pruneAuth();
    expect(pruned.sessions).toBeGreaterThanOrEqual(1);
    expect(pruned.tokens).toBeGreaterThanOrEqual(1);
    expect(pruned.loginAttempts).toBe(1);
    expect((await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM session WHERE expires_at > now()`)).rows[0]!.n).toBe(live);
    expect(await status({ bearer: admin.token })).toBe(200);
  });
});

describe("the audit log", () => {
  it("records sign-ins, failures, role changes, token and account changes, and only admins read it", async () => {
    const viewer = await account("viewer", "viewer@life.test");
    const res = await app.call("GET", "/api/audit?limit=500", { bearer: admin.token });
    expect(res.status).toBe(200);
    const events = (res.json as { events: { action: string; target: string; actorEmail: string | null; ip: string | null }[] }).events;
    const actions = new Set(events.map((e) => e.action));
    for (const a of ["sign_in", "sign_in_failed", "password_changed", "sign_out_all", "password_reset", "role_changed", "user_removed", "token_created", "token_revoked"]) {
      expect(actions, a).toContain(a);
    }
    const roleChange = events.find((e) => e.action === "role_changed")!;
    expect(roleChange).toMatchObject({ actorEmail: "admin@life.test", target: "bob@life.test" });
    expect(roleChange.ip).toMatch(/^127\./);
    expect(JSON.stringify(events)).not.toContain("set by the admin 1");
    const filtered = await app.call("GET", "/api/audit?action=sign_in_failed", { bearer: admin.token });
    expect((filtered.json as { events: { action: string }[] }).events.every((e) => e.action === "sign_in_failed")).toBe(true);
    expect((await app.call("GET", "/api/audit", { cookie: viewer.cookie })).status).toBe(403);
  });
});
