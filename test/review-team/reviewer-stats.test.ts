import { beforeAll, describe, expect, it } from "vitest";
import { adjudicate, routeOverlap, vote } from "@/lib/agreement/overlap";
import { pool } from "@/lib/db/client";
import { getPair } from "@/lib/pairs/detail";
import { pairOverview } from "@/lib/pairs/overview";
import { updatePair } from "@/lib/pairs/update";
import { useTestDatabase } from "../support/db";
import { seedDemo, signedIn } from "../review/support";

let ids: number[];
beforeAll(async () => {
  await useTestDatabase();
  ({ ids } = await seedDemo(30));
});

const statsOf = async (userId: number) => (await pairOverview()).reviewers.find((r) => r.actorId === userId);

describe("reviewer statistics count blind votes", () => {
  it("counts every blind vote as one review of its reviewer (the first one too), the agreeing second vote once, adjudication as the curator's", async () => {
    const ann = await signedIn("reviewer", "ann@stats.test");
    const ben = await signedIn("reviewer", "ben@stats.test");
    const lead = await signedIn("curator", "lead@stats.test");
    await routeOverlap({ fraction: 0.5, seed: "stats" });
    const overlap = (await pool().query<{ id: number }>(`SELECT pair_id AS id FROM overlap_pair ORDER BY pair_id`)).rows.map((r) => r.id);
    const [p1, p2, p3] = overlap as [number, number, number];
    const plain = ids.find((id) => !overlap.includes(id))!;

    // Ann: a normal decision and three first votes (the pairs stay pending), one of them changed before Ben votes
    await updatePair(plain, { version: (await getPair(plain)).version, status: "accepted" }, ann.user.id);
    for (const id of [p1, p2, p3]) await vote(id, ann.user.id, "accepted");
    await vote(p3, ann.user.id, "rejected");
    expect((await getPair(p1)).status).toBe("pending");
    expect(await statsOf(ann.user.id)).toMatchObject({ lastHour: 4, today: 4, last7Days: 4, bulkActions: 0 });
    expect(await statsOf(ben.user.id)).toBeUndefined();

    // Ben: agrees on p1 (the pair is decided by that vote: one review, not two), disagrees on p2
    expect(await vote(p1, ben.user.id, "accepted")).toMatchObject({ state: "agreed" });
    expect(await vote(p2, ben.user.id, "rejected")).toMatchObject({ state: "disagreed" });
    expect((await getPair(p1)).status).toBe("accepted");
    expect(await statsOf(ben.user.id)).toMatchObject({ lastHour: 2, today: 2, last7Days: 2 });
    // Ann's count did not move when her votes were matched
    expect(await statsOf(ann.user.id)).toMatchObject({ last7Days: 4 });

    // the lead settles p2: a review of the lead's
    await adjudicate(p2, lead.user.id, "rejected");
    expect(await statsOf(lead.user.id)).toMatchObject({ last7Days: 1 });
    expect(await statsOf(ben.user.id)).toMatchObject({ last7Days: 2 });

    // votes older than the 7-day window drop out like any review
    await pool().query(`UPDATE review_vote SET created_at = now() - interval '8 days' WHERE user_id = $1 AND pair_id = $2`, [ann.user.id, p2]);
    expect(await statsOf(ann.user.id)).toMatchObject({ last7Days: 3, today: 3 });
  });
});
