import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as nextRoute } from "@/app/api/pairs/next/route";
import { POST as releaseRoute } from "@/app/api/review/release/route";
import { PATCH } from "@/app/api/pairs/[id]/route";
import { pool } from "@/lib/db/client";
import { claimPairs, claimSlots, leaseOf } from "@/lib/review-team/claim";
import { getPair } from "@/lib/pairs/detail";
import { useTestDatabase } from "../support/db";
import { seedDemo, signedIn } from "../review/support";

type Caller = Awaited<ReturnType<typeof signedIn>>;
let ids: number[];
let a: Caller, b: Caller;

type Page = { items: { id: number; version: number; leaseUntil?: string }[]; next: string | null };
const get = async (c: Caller, query = "limit=5"): Promise<Page> => {
  const res = await nextRoute(new NextRequest(`http://local/api/pairs/next?${query}`, { headers: { cookie: c.cookie } }), { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
};
const post = (handler: typeof releaseRoute, url: string, c: Caller, body: unknown, params: Record<string, string> = {}, method = "POST") =>
  handler(new NextRequest(`http://local${url}`, { method, body: JSON.stringify(body), headers: { "content-type": "application/json", cookie: c.cookie, origin: "http://local" } }),
    { params: Promise.resolve(params) });

beforeAll(async () => {
  await useTestDatabase();
  ({ ids } = await seedDemo(40));
  a = await signedIn("reviewer", "a@team.test");
  b = await signedIn("reviewer", "b@team.test");
});

describe("review queue leases", () => {
  it("two reviewers pulling the queue at once get disjoint pairs, round after round, until it is empty", async () => {
    const seenA = new Set<number>(), seenB = new Set<number>();
    let afterA: string | null = null, afterB: string | null = null;
    for (let round = 0; round < 12; round++) {
      const [ra, rb]: [Page, Page] = await Promise.all([
        get(a, `limit=4${afterA ? `&after=${encodeURIComponent(afterA)}` : ""}`),
        get(b, `limit=4${afterB ? `&after=${encodeURIComponent(afterB)}` : ""}`),
      ]);
      afterA = ra.next; afterB = rb.next;
      for (const p of ra.items) seenA.add(p.id);
      for (const p of rb.items) seenB.add(p.id);
      // each pair on screen is leased to the one reviewer who got it
      for (const p of ra.items) expect(p.leaseUntil).toBeTruthy();
      if (!ra.items.length && !rb.items.length) break;
    }
    const both = [...seenA].filter((id) => seenB.has(id));
    expect(both).toEqual([]);
    // together they were served the whole pending queue: nothing was hidden by a lease that nobody holds
    const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair WHERE status = 'pending'`);
    expect(seenA.size + seenB.size).toBe(rows[0]!.n);
    expect(seenA.size).toBeGreaterThan(0);
    expect(seenB.size).toBeGreaterThan(0);
  });

  it("a reviewer sees their own leased pairs again after a reload, and a released pair goes to the next reviewer", async () => {
    await pool().query(`DELETE FROM pair_lease`);
    const first = await get(a, "limit=3");
    const again = await get(a, "limit=3");
    expect(again.items.map((p) => p.id)).toEqual(first.items.map((p) => p.id));
    const fromB = await get(b, "limit=20");
    expect(fromB.items.some((p) => first.items.some((q) => q.id === p.id))).toBe(false);
    const skipped = first.items[0]!.id;
    const res = await post(releaseRoute, "/api/review/release", a, { pairIds: [skipped] });
    expect(await res.json()).toEqual({ released: 1 });
    // the released pair is the queue head again: the next reviewer to ask is served it first
    const d = await signedIn("reviewer", "d@team.test");
    const later = await get(d, "limit=1");
    expect(later.items.map((p) => p.id)).toEqual([skipped]);
    expect((await leaseOf(skipped))?.userId).toBe(d.user.id);
  });

  it("a lease expires and the pair returns to the queue", async () => {
    await pool().query(`DELETE FROM pair_lease`);
    const c = await signedIn("reviewer", "c@team.test");
    // a short lease, yet long enough that a's claim surely comes while it holds on a loaded machine (0.4 s was not)
    const held = await claimPairs(c.user.id, { limit: 2 }, { ttlSeconds: 2 });
    expect(held.items).toHaveLength(2);
    const heldIds = held.items.map((p) => p.id);
    const whileHeld = await claimPairs(a.user.id, { limit: 20 }, { ttlSeconds: 60 });
    expect(whileHeld.items.map((p) => p.id).filter((id) => heldIds.includes(id))).toEqual([]);
    await pool().query(`DELETE FROM pair_lease WHERE user_id = $1`, [a.user.id]);
    // c leaves the page: the lease runs out at the time it was given
    const until = Math.max(...held.items.map((p) => Date.parse(p.leaseUntil)));
    await new Promise((r) => setTimeout(r, Math.max(0, until - Date.now()) + 100));
    expect(await leaseOf(heldIds[0]!)).toBeNull();
    const after = await claimPairs(a.user.id, { limit: 2 }, { ttlSeconds: 60 });
    expect(after.items.map((p) => p.id)).toEqual(heldIds);
  });

  it("a decided pair leaves the queue; a viewer can peek without leasing; a viewer cannot release", async () => {
    await pool().query(`DELETE FROM pair_lease`);
    const [p] = (await get(a, "limit=1")).items;
    const res = await post(PATCH as typeof releaseRoute, `/api/pairs/${p!.id}`, a, { version: p!.version, status: "accepted" }, { id: String(p!.id) }, "PATCH");
    expect(res.status).toBe(200);
    const viewer = await signedIn("viewer", "v@team.test");
    const peek = await get(viewer, "limit=20");
    expect(peek.items.map((x) => x.id)).not.toContain(p!.id);
    const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair_lease WHERE user_id = $1`, [viewer.user.id]);
    expect(rows[0]!.n).toBe(0);
    expect((await post(releaseRoute, "/api/review/release", viewer, { pairIds: [ids[0]] })).status).toBe(403);
  });
  it("reviewers claiming the queue head at the same moment each get a full page, disjoint, with nothing skipped", async () => {
    await pool().query(`DELETE FROM pair_lease`);
    const many = await Promise.all(Array.from({ length: 8 }, (_, i) => signedIn("reviewer", `many${i}@team.test`)));
    const pages = await Promise.all(many.map((c) => claimPairs(c.user.id, { limit: 4 })));
    for (const page of pages) expect(page.items).toHaveLength(4);
    const served = pages.flatMap((p) => p.items.map((x) => x.id));
    expect(new Set(served).size).toBe(served.length);
    // no free pair is left behind every cursor: each one still pending and unleased lies after some reviewer's `next`
    // (a spare candidate one claim locked while another stepped past it is served on the first one's next refill)
    const queue = (await pool().query<{ id: number; score: number; leased: boolean }>(
      `SELECT p.id, p.quality_score AS score, EXISTS (SELECT 1 FROM pair_lease l WHERE l.pair_id = p.id AND l.expires_at > now()) AS leased
       FROM pair p WHERE p.status = 'pending' ORDER BY p.quality_score, p.id`)).rows;
    const pos = (cursor: string) => { const [k, id] = cursor.split("|"); return [Number(k), Number(id)] as const; };
    for (const free of queue.filter((r) => !r.leased))
      expect(pages.some((p) => { const [k, id] = pos(p.next!); return k < free.score || (k === free.score && id < free.id); })).toBe(true);
    expect(queue.filter((r) => r.leased).map((r) => r.id).sort((x, y) => x - y)).toEqual([...served].sort((x, y) => x - y));
    for (const [i, page] of pages.entries()) {
      for (const p of page.items) expect((await leaseOf(p.id))?.userId).toBe(many[i]!.user.id);
      // a page comes in queue order, each pair whole (the claim statement reads it): as the pair page shows it
      const head = page.items[0]!;
      const { leaseUntil: _l, blind, ...pair } = head;
      expect(blind).toBe(false);
      expect(pair).toEqual(await getPair(head.id));
      expect(pair.evidence.length).toBeGreaterThan(0);
    }
  });

  it("claims wait for a slot: no more than IN2_CLAIM_CONCURRENCY at once hold a connection, and every one is served", async () => {
    await pool().query(`DELETE FROM pair_lease`);
    const many = await Promise.all(Array.from({ length: 6 }, (_, i) => signedIn("reviewer", `slots${i}@team.test`)));
    const p = pool() as unknown as { connect: (...a: unknown[]) => Promise<{ release: (...a: unknown[]) => void }> };
    const connect = p.connect;
    let held = 0, most = 0;
    // count the claims' own checkouts (no callback argument; pool.query's internal ones pass one)
    p.connect = async (...args: unknown[]) => {
      if (args.length) return connect.apply(p, args);
      const client = await connect.apply(p, args);
      most = Math.max(most, ++held);
      const release = client.release;
      client.release = (...a: unknown[]) => { held--; client.release = release; return release.apply(client, a); };
      return client;
    };
    process.env.IN2_CLAIM_CONCURRENCY = "2";
    try {
      expect(claimSlots()).toBe(2);
      const pages = await Promise.all(many.map((c) => claimPairs(c.user.id, { limit: 3 })));
      for (const page of pages) expect(page.items).toHaveLength(3);
      const served = pages.flatMap((pg) => pg.items.map((x) => x.id));
      expect(new Set(served).size).toBe(18);
      expect(most).toBe(2);
    } finally {
      p.connect = connect;
      delete process.env.IN2_CLAIM_CONCURRENCY;
    }
  });

  it("claim_pair_leases passes over candidates someone else leased a moment ago and stops once it has won enough", async () => {
    await pool().query(`DELETE FROM pair_lease`);
    const c = await signedIn("reviewer", "race@team.test");
    const [taken, f1, f2, f3, mine] = ids as [number, number, number, number, number];
    await pool().query(`INSERT INTO pair_lease (pair_id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 minute'), ($3, $4, now() + interval '3 days')`,
      [taken, a.user.id, mine, c.user.id]);
    const { rows } = await pool().query<{ pairId: number }>(`SELECT pair_id AS "pairId" FROM claim_pair_leases($1, 60, 3, $2::int[])`, [c.user.id, [taken, mine, f1, f2, f3]]);
    // taken stays a's; c's own longer lease is renewed, never shortened; f3 was not needed
    expect(rows.map((r) => r.pairId)).toEqual([mine, f1, f2]);
    expect((await leaseOf(taken))?.userId).toBe(a.user.id);
    expect(new Date((await leaseOf(mine))!.expiresAt).getTime()).toBeGreaterThan(Date.now() + 2 * 86_400_000);
    expect(await leaseOf(f3)).toBeNull();
    // an expired lease of someone else is taken over
    await pool().query(`UPDATE pair_lease SET expires_at = now() - interval '1 second' WHERE pair_id = $1`, [taken]);
    const again = await pool().query<{ pairId: number }>(`SELECT pair_id AS "pairId" FROM claim_pair_leases($1, 60, 1, $2::int[])`, [c.user.id, [taken]]);
    expect(again.rows.map((r) => r.pairId)).toEqual([taken]);
    expect((await leaseOf(taken))?.userId).toBe(c.user.id);
  });
});
