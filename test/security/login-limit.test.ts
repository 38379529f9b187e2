import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientIp } from "@/lib/auth/client-ip";
import { delayAfter, LOGIN_LIMITS } from "@/lib/auth/rate-limit";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";
import { account, startTestServer, type TestServer } from "./http-server";

/** The login limit keys on an address a client cannot choose, per account, with a bounded delay. */
let app: TestServer;
let owner: Awaited<ReturnType<typeof account>>;
const savedTrust = process.env.TRUST_PROXY;

beforeAll(async () => {
  await useTestDatabase();
  app = await startTestServer();
  owner = await account("reviewer", "owner@security.test");
});
afterAll(async () => {
  await app.close();
  process.env.TRUST_PROXY = savedTrust;
});

const login = (password: string, opts: { xff?: string; from?: string } = {}) =>
  app.call("POST", "/api/auth/login", { json: { email: "owner@security.test", password }, from: opts.from, headers: opts.xff ? { "x-forwarded-for": opts.xff } : {} });

describe("sign-in rate limit", () => {
  it("a spoofed X-Forwarded-For gets no extra attempts (TRUST_PROXY unset)", async () => {
    delete process.env.TRUST_PROXY;
    for (let i = 0; i < LOGIN_LIMITS.freeFailures; i++) {
      const r = await login("wrong password!", { xff: `10.0.${i}.${i + 1}`, from: "127.0.0.2" });
      expect(r.status).toBe(401);
    }
    // a fresh forged address, and even the right password, from the same socket address: held back
    const next = await login(owner.password, { xff: "203.0.113.99", from: "127.0.0.2" });
    expect(next.status).toBe(429);
    expect(JSON.stringify(next.json)).toMatch(/try again in \d+ s/);
    const { rows } = await pool().query<{ ip: string }>(`SELECT DISTINCT ip FROM login_attempt`);
    expect(rows.map((r) => r.ip)).toEqual(["127.0.0.2"]);
  });

  it("a stranger's failures do not lock the owner out: the owner's own address is a separate pair", async () => {
    const r = await login(owner.password, { from: "127.0.0.5" });
    expect(r.status, r.body).toBe(200);
  });

  it("the delay is bounded however many failures there were", () => {
    expect(delayAfter(LOGIN_LIMITS.freeFailures - 1)).toBe(0);
    expect(delayAfter(LOGIN_LIMITS.freeFailures)).toBe(LOGIN_LIMITS.baseDelaySeconds);
    expect(delayAfter(LOGIN_LIMITS.freeFailures + 1)).toBe(2 * LOGIN_LIMITS.baseDelaySeconds);
    expect(delayAfter(10_000)).toBe(LOGIN_LIMITS.maxDelaySeconds);
    expect(LOGIN_LIMITS.maxDelaySeconds).toBeLessThanOrEqual(15 * 60);
  });

  it("once the delay has passed, the pair may try again", async () => {
    // age the pair's failures past the delay (as if the stranger had waited)
    await pool().query(`UPDATE login_attempt SET created_at = created_at - make_interval(secs => $1) WHERE ip = '127.0.0.2'`, [LOGIN_LIMITS.baseDelaySeconds + 1]);
    expect((await login(owner.password, { from: "127.0.0.2" })).status).toBe(200);
  });

  it("with TRUST_PROXY=1 the proxy's X-Forwarded-For entry is the client; what the client prepends is ignored", async () => {
    process.env.TRUST_PROXY = "1";
    const h = (xff: string, secret = process.env.IN2_PEER_SECRET!) =>
      ({ get: (n: string) => (n === "x-forwarded-for" ? xff : n === "x-in2-peer" ? "10.9.9.9" : n === "x-in2-peer-secret" ? secret : null) });
    expect(clientIp(h("6.6.6.6, 198.51.100.7"))).toBe("198.51.100.7");
    process.env.TRUST_PROXY = "2";
    expect(clientIp(h("6.6.6.6, 198.51.100.7, 10.0.0.2"))).toBe("198.51.100.7");
    delete process.env.TRUST_PROXY;
    expect(clientIp(h("198.51.100.7"))).toBe("10.9.9.9");
    // a client that sends the peer header itself (without the server's secret) is not believed
    expect(clientIp(h("198.51.100.7", "guessed"))).toBe("unknown");

    process.env.TRUST_PROXY = "1";
    for (let i = 0; i < LOGIN_LIMITS.freeFailures; i++) expect((await login("wrong password!", { xff: `evil-${i}, 198.51.100.7` })).status).toBe(401);
    // the same real client (last entry) is held back whatever it puts in front
    expect((await login(owner.password, { xff: "forged, 198.51.100.7" })).status).toBe(429);
    // another client behind the same proxy is not
    expect((await login(owner.password, { xff: "198.51.100.8" })).status).toBe(200);
    delete process.env.TRUST_PROXY;
  });

  it("an address has an overall budget across accounts (password spraying)", async () => {
    await pool().query(`INSERT INTO login_attempt (email, ip, success) SELECT 'spray' || g || '@x.test', '127.0.0.6', false FROM generate_series(1, $1) g`, [LOGIN_LIMITS.perIp]);
    const r = await login(owner.password, { from: "127.0.0.6" });
    expect(r.status).toBe(429);
    expect(JSON.stringify(r.json)).toMatch(/from your address/);
  });
});
