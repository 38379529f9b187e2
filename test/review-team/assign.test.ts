import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { assignSlice } from "@/lib/review-team/assign";
import { claimPairs, releaseLeases } from "@/lib/review-team/claim";
import { useTestDatabase } from "../support/db";
import { seedDemo, signedIn } from "../review/support";

beforeAll(async () => {
  await useTestDatabase();
  await seedDemo(30);
});

describe("assigning a slice", () => {
  it("splits the slice's pending pairs among the assignees; only they are served them, skipping keeps them", async () => {
    const a = await signedIn("reviewer", "a@assign.test");
    const b = await signedIn("reviewer", "b@assign.test");
    const c = await signedIn("reviewer", "c@assign.test");
    const r = await assignSlice({ filter: { type: "single" }, userIds: [a.user.id, b.user.id], seed: "s" });
    const singles = (await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair WHERE type = 'single' AND status = 'pending'`)).rows[0]!.n;
    const na = r.assigned[String(a.user.id)]!, nb = r.assigned[String(b.user.id)]!;
    expect(na + nb).toBe(singles);
    expect(Math.abs(na - nb)).toBeLessThanOrEqual(1);
    const aIds = (await pool().query<{ id: number }>(`SELECT pair_id AS id FROM pair_lease WHERE user_id = $1`, [a.user.id])).rows.map((x) => x.id);
    // c gets none of them; a gets only a's (plus unassigned multi pairs)
    const forC = await claimPairs(c.user.id, { limit: 20, type: "single" });
    expect(forC.items).toEqual([]);
    const forA = await claimPairs(a.user.id, { limit: 20, type: "single" });
    expect(forA.items.every((p) => aIds.includes(p.id))).toBe(true);
    expect(forA.items.length).toBe(Math.min(20, na));
    // serving does not shorten the assignment, and a skip does not give it back
    const until = (await pool().query<{ d: number }>(`SELECT min(extract(epoch FROM expires_at - now()))::float8 AS d FROM pair_lease WHERE user_id = $1`, [a.user.id])).rows[0]!.d;
    expect(until).toBeGreaterThan(6 * 86400);
    expect(await releaseLeases(a.user.id, aIds)).toEqual({ released: 0 });
    // a second assignment never takes pairs someone holds
    const again = await assignSlice({ filter: { type: "single" }, userIds: [c.user.id] });
    expect(again.assigned[String(c.user.id)]).toBe(0);
    await expect(assignSlice({ userIds: [999_999] })).rejects.toMatchObject({ code: "bad_request" });
  });
});
