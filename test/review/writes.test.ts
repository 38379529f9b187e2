import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { PATCH } from "@/app/api/pairs/[id]/route";
import { POST as BULK } from "@/app/api/pairs/bulk/route";
import { pool } from "@/lib/db/client";
import { bulkUpdate } from "@/lib/pairs/bulk";
import { getPair } from "@/lib/pairs/detail";
import { pairHistory } from "@/lib/pairs/history";
import { countPairs } from "@/lib/pairs/list";
import { updatePair } from "@/lib/pairs/update";
import { undoEvent } from "@/lib/pairs/undo";
import { useTestDatabase } from "../support/db";
import { seedDemo, signedIn } from "./support";

let ids: number[];
let reviewer: { user: { id: number }; cookie: string };

const call = (handler: typeof PATCH, url: string, body: unknown, params: Record<string, string> = {}, cookie = reviewer.cookie) =>
  handler(new NextRequest(`http://local${url}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", cookie } }),
    { params: Promise.resolve(params) });

beforeAll(async () => {
  await useTestDatabase();
  ({ ids } = await seedDemo(36));
  reviewer = await signedIn("reviewer");
});

describe("no lost updates", () => {
  it("of two concurrent saves with the same version one wins; the other gets 409 with the pair as it is now", async () => {
    const id = ids[0]!;
    const { version, answer } = await getPair(id);
    const [a, b] = await Promise.all([
      call(PATCH, `/api/pairs/${id}`, { version, answer: `${answer} (edited by A)` }, { id: String(id) }),
      call(PATCH, `/api/pairs/${id}`, { version, status: "rejected" }, { id: String(id) }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const lost = a.status === 409 ? a : b;
    const body = (await lost.json()) as { error: { code: string; message: string }; current: { version: number; answer: string; status: string } };
    expect(body.error.code).toBe("conflict");
    expect(body.current.version).toBe(version + 1);
    const now = await getPair(id);
    expect(body.current).toMatchObject({ answer: now.answer, status: now.status });
    // the loser re-sends on top of the current version: both changes survive
    const retry = await call(PATCH, `/api/pairs/${id}`, a.status === 409 ? { version: now.version, answer: `${answer} (edited by A)` } : { version: now.version, status: "rejected" }, { id: String(id) });
    expect(retry.status).toBe(200);
    expect(await getPair(id)).toMatchObject({ status: "rejected", answer: `${answer} (edited by A)`, edited: true, version: version + 2 });
    // the actor is the signed-in caller, not a default user
    const h = await pairHistory(id);
    expect(h.slice(0, 2).map((e) => e.actorId)).toEqual([reviewer.user.id, reviewer.user.id]);
  });

  it("lets a viewer read but not decide", async () => {
    const viewer = await signedIn("viewer");
    const res = await call(PATCH, `/api/pairs/${ids[5]}`, { version: 1, status: "accepted" }, { id: String(ids[5]) }, viewer.cookie);
    expect(res.status).toBe(403);
    expect((await getPair(ids[5]!)).status).toBe("pending");
  });

  it("rejects a body without changes and an unknown pair with the error shape", async () => {
    const res = await call(PATCH, `/api/pairs/${ids[1]}`, { version: 1 }, { id: String(ids[1]) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    const missing = await call(PATCH, `/api/pairs/999999`, { version: 1, status: "accepted" }, { id: "999999" });
    expect(missing.status).toBe(404);
  });
});

describe("history and undo", () => {
  it("records every decision with actor, time, before and after, and undoes the last decisions in order", async () => {
    const [p1, p2] = [ids[2]!, ids[3]!];
    const d1 = await updatePair(p1, { version: 1, status: "accepted" }, 1);
    const d2 = await updatePair(p2, { version: 1, status: "flagged" }, 1);
    const h = await pairHistory(p1);
    expect(h.map((e) => e.kind)).toEqual(["status", "created"]);
    expect(h[0]).toMatchObject({ actorId: 1, actorName: "Local user", before: { status: "pending", version: 1 }, after: { status: "accepted", version: 2, reviewerId: 1 } });
    expect(Date.parse(h[0]!.createdAt)).toBeGreaterThan(Date.now() - 60_000);

    const u2 = await undoEvent(p2, d2.eventId!, 1);
    expect(u2.pair).toMatchObject({ status: "pending", reviewerId: null, reviewedAt: null, version: 3 });
    const u1 = await undoEvent(p1, d1.eventId!, 1);
    expect(u1.pair.status).toBe("pending");
    expect((await pairHistory(p1))[0]).toMatchObject({ kind: "undo", before: { status: "accepted" }, after: { status: "pending", undoes: d1.eventId } });
  });

  it("walks back edit then decision in order, and refuses an undo whose result a later change overwrote", async () => {
    const id = ids[4]!;
    const before = await getPair(id);
    const edit = await updatePair(id, { version: before.version, question: "According to the text above, what happened?" }, 1);
    expect(edit.pair.qualityFlags.map((f) => f.code)).toContain("meta_phrase");
    const other = await updatePair(id, { version: edit.pair.version, question: `${before.question} (second edit)` }, 1);
    await expect(undoEvent(id, edit.eventId!, 1)).rejects.toMatchObject({ code: "conflict" });
    await undoEvent(id, other.eventId!, 1);
    const later = await updatePair(id, { version: other.pair.version + 1, status: "rejected" }, 1);
    await undoEvent(id, later.eventId!, 1);
    const back = await undoEvent(id, edit.eventId!, 1);
    expect(back.pair).toMatchObject({ question: before.question, qualityFlags: before.qualityFlags, edited: false, status: "pending" });
  });
});

describe("bulk actions on a filter", () => {
  it("accepts exactly the pairs matching the filter, set-based, with one event each, after the count is confirmed", async () => {
    const filter = { type: "multi" as const, model: "gpt-4o-mini", status: "pending" as const };
    const n = await countPairs(filter);
    expect(n).toBeGreaterThan(1);
    const others = await countPairs({ status: "pending" }) - n;

    const stale = await call(BULK, "/api/pairs/bulk", { filter, action: "accept", expected: n + 1 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: "conflict" }, current: { count: n } });
    expect(await countPairs(filter)).toBe(n);

    expect(await bulkUpdate(filter, "accept", n, 1)).toMatchObject({ matched: n, changed: n });
    expect(await countPairs(filter)).toBe(0);
    expect(await countPairs({ ...filter, status: "accepted" })).toBeGreaterThanOrEqual(n);
    expect(await countPairs({ status: "pending" })).toBe(others);
    const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair_event WHERE kind = 'bulk' AND actor_id = 1 AND after->>'status' = 'accepted'`);
    expect(rows[0]!.n).toBe(n);
  });

  it("flags by full-text search and each bulk change can be undone on its own", async () => {
    const filter = { q: "happened", flag: "meta_phrase" };
    const n = await countPairs(filter);
    expect(n).toBeGreaterThan(0);
    await bulkUpdate(filter, "flag", n, 1);
    expect(await countPairs({ ...filter, status: "flagged" })).toBe(n);
    const { rows } = await pool().query<{ id: number; pair_id: number }>(`SELECT id, pair_id FROM pair_event WHERE kind = 'bulk' AND after->>'status' = 'flagged' LIMIT 1`);
    const undone = await undoEvent(rows[0]!.pair_id, rows[0]!.id, 1);
    expect(undone.pair.status).not.toBe("flagged");
  });
});
