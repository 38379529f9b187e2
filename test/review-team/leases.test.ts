import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as nextRoute } from "@/app/api/pairs/next/route";
import { POST as releaseRoute } from "@/app/api/review/release/route";
import { PATCH } from "@/app/api/pairs/[id]/route";
import { pool } from "@/lib/db/client";
import { claimPairs, leaseOf } from "@/lib/review-team/claim";
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
    const held = await claimPairs(c.user.id, { limit: 2 }, { ttlSeconds: 0.4 });
    expect(held.items).toHaveLength(2);
    const heldIds = held.items.map((p) => p.id);
    const whileHeld = await claimPairs(a.user.id, { limit: 20 }, { ttlSeconds: 60 });
    expect(whileHeld.items.map((p) => p.id).filter((id) => heldIds.includes(id))).toEqual([]);
    await pool().query(`DELETE FROM pair_lease WHERE user_id = $1`, [a.user.id]);
    await new Promise((r) => setTimeout(r, 600)); // c leaves the page: the 0.4 s lease runs out
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
});
