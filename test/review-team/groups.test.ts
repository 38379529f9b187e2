import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as undoRoute } from "@/app/api/review/groups/[id]/undo/route";
import { pool } from "@/lib/db/client";
import { bulkUpdate } from "@/lib/pairs/bulk";
import { getPair } from "@/lib/pairs/detail";
import { pairHistory } from "@/lib/pairs/history";
import { countPairs } from "@/lib/pairs/list";
import { pairOverview } from "@/lib/pairs/overview";
import { updatePair } from "@/lib/pairs/update";
import { undoGroup } from "@/lib/review-team/groups";
import { useTestDatabase } from "../support/db";
import { seedDemo, signedIn } from "../review/support";

let ids: number[];
let alice: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  await useTestDatabase();
  ({ ids } = await seedDemo(30));
  alice = await signedIn("reviewer", "alice@groups.test");
});

describe("bulk actions as one undoable event group", () => {
  it("records one group, undoes it as a whole, keeps pairs changed since, and counts bulk apart from reviews", async () => {
    const bob = await signedIn("reviewer", "bob@groups.test");
    // two individual reviews by alice first
    for (const id of ids.slice(0, 2)) await updatePair(id, { version: 1, status: "rejected" }, alice.user.id);
    const filter = { status: "pending" as const, type: "single" as const };
    const n = await countPairs(filter);
    expect(n).toBeGreaterThan(3);
    const r = await bulkUpdate(filter, "accept", n, alice.user.id);
    expect(r.changed).toBe(n);
    const grouped = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair_event WHERE group_id = $1 AND kind = 'bulk'`, [r.groupId]);
    expect(grouped.rows[0]!.n).toBe(n);

    // statistics: two reviews, one bulk action of n pairs
    const me = (await pairOverview()).reviewers.find((x) => x.actorId === alice.user.id)!;
    expect(me).toMatchObject({ last7Days: 2, today: 2, bulkActions: 1, bulkPairs: n });

    // someone decides one of the bulk-accepted pairs again afterwards: undo must not destroy that
    const { rows } = await pool().query<{ pairId: number }>(`SELECT pair_id AS "pairId" FROM pair_event WHERE group_id = $1 ORDER BY pair_id LIMIT 1`, [r.groupId]);
    const touched = rows[0]!.pairId;
    const p = await getPair(touched);
    await updatePair(touched, { version: p.version, status: "flagged" }, bob.user.id);

    // bob (a reviewer, not the author) may not undo alice's action
    await expect(undoGroup(r.groupId, bob.user)).rejects.toMatchObject({ code: "forbidden" });
    const res = await undoRoute(new NextRequest(`http://local/api/review/groups/${r.groupId}/undo`, { method: "POST", headers: { cookie: alice.cookie, origin: "http://local" } }),
      { params: Promise.resolve({ id: String(r.groupId) }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ groupId: r.groupId, restored: n - 1, kept: 1 });
    expect(await countPairs(filter)).toBe(n - 1);
    expect((await getPair(touched)).status).toBe("flagged");
    const back = (await pool().query<{ pairId: number }>(`SELECT pair_id AS "pairId" FROM pair_event WHERE group_id = $1 AND kind = 'bulk' AND pair_id <> $2 LIMIT 1`, [r.groupId, touched])).rows[0]!.pairId;
    const restored = await getPair(back);
    expect(restored).toMatchObject({ status: "pending", reviewerId: null, reviewedAt: null });
    expect((await pairHistory(back))[0]).toMatchObject({ kind: "undo", actorId: alice.user.id });
    // undone actions no longer count, and a second undo is refused
    expect((await pairOverview()).reviewers.find((x) => x.actorId === alice.user.id)).toMatchObject({ bulkActions: 0, last7Days: 2 });
    await expect(undoGroup(r.groupId, alice.user)).rejects.toMatchObject({ code: "conflict" });
  });
});
