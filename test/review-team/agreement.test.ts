import { beforeAll, describe, expect, it } from "vitest";
import { adjudicate, agreementReport, routeOverlap, vote } from "@/lib/agreement/overlap";
import { pool } from "@/lib/db/client";
import { getPair } from "@/lib/pairs/detail";
import { claimPairs } from "@/lib/review-team/claim";
import { useTestDatabase } from "../support/db";
import { seedDemo, signedIn } from "../review/support";

let ids: number[];
beforeAll(async () => {
  await useTestDatabase();
  ({ ids } = await seedDemo(40));
});

describe("blind double review and agreement", () => {
  it("routes a seeded fraction, serves each overlap pair to two reviewers blind, and reports kappa and disagreements", async () => {
    const a = await signedIn("reviewer", "ann@agree.test");
    const b = await signedIn("reviewer", "ben@agree.test");
    const lead = await signedIn("curator", "lead@agree.test");
    // the same fraction and seed pick the same pairs; re-running adds none
    const routed = await routeOverlap({ fraction: 0.5, seed: "s1" });
    expect(routed.added).toBeGreaterThan(8);
    expect(routed.added).toBeLessThan(32);
    expect((await routeOverlap({ fraction: 0.5, seed: "s1" })).added).toBe(0);
    const overlap = (await pool().query<{ id: number }>(`SELECT pair_id AS id FROM overlap_pair ORDER BY pair_id`)).rows.map((r) => r.id);

    // A takes a queue page: overlap pairs come marked blind
    const pageA = await claimPairs(a.user.id, { limit: 20 });
    const blindA = pageA.items.filter((p) => p.blind).map((p) => p.id);
    expect(blindA.length).toBeGreaterThan(0);
    expect(blindA.every((id) => overlap.includes(id))).toBe(true);
    // A's first vote leaves the pair pending and hands it on to B, never back to A
    const [p1, p2, p3, p4] = overlap;
    for (const id of [p1!, p2!, p3!, p4!]) expect(await vote(id, a.user.id, "accepted")).toMatchObject({ state: "open", votes: 1 });
    expect((await getPair(p1!)).status).toBe("pending");
    const againA = await claimPairs(a.user.id, { limit: 20 });
    expect(againA.items.map((p) => p.id)).not.toContain(p1);
    await pool().query(`DELETE FROM pair_lease`);
    const pageB = await claimPairs(b.user.id, { limit: 20 });
    expect(pageB.items.find((p) => p.id === p1)?.blind).toBe(true);

    // B agrees on two, disagrees on two
    expect(await vote(p1!, b.user.id, "accepted")).toMatchObject({ state: "agreed", votes: 2 });
    expect(await vote(p2!, b.user.id, "accepted")).toMatchObject({ state: "agreed" });
    expect(await vote(p3!, b.user.id, "rejected")).toMatchObject({ state: "disagreed" });
    expect(await vote(p4!, b.user.id, "flagged")).toMatchObject({ state: "disagreed" });
    expect((await getPair(p1!)).status).toBe("accepted");
    expect((await getPair(p3!)).status).toBe("pending");
    // a disagreement leaves the queue until adjudicated
    await pool().query(`DELETE FROM pair_lease`);
    const c = await signedIn("reviewer", "cat@agree.test");
    expect((await claimPairs(c.user.id, { limit: 20 })).items.map((p) => p.id)).not.toContain(p3);

    // hand-computed: A = (acc, acc, acc, acc), B = (acc, acc, rej, flag): pₒ = 0.5, pₑ = 1·0.5 = 0.5 → κ = 0
    const r = await agreementReport();
    expect(r.overlap).toMatchObject({ agreed: 2, disagreed: 2 });
    expect(r.overall).toMatchObject({ n: 4, observed: 0.5, expected: 0.5, kappa: 0 });
    expect(r.pairs).toHaveLength(1);
    expect(r.pairs[0]).toMatchObject({ a: expect.stringMatching(/ann/), b: expect.stringMatching(/ben/), n: 4, kappa: 0 });
    expect(r.disagreements.map((d) => d.pairId).sort()).toEqual([p3, p4].sort());
    expect(r.disagreements[0]!.votes).toHaveLength(2);

    // adjudication settles it
    await expect(adjudicate(p1!, lead.user.id, "rejected")).rejects.toMatchObject({ code: "conflict" });
    const settled = await adjudicate(p3!, lead.user.id, "rejected");
    expect(settled.pair).toMatchObject({ status: "rejected", reviewerId: lead.user.id });
    expect((await agreementReport()).disagreements.map((d) => d.pairId)).toEqual([p4]);
    // a pair outside the overlap cannot be voted on
    const outside = ids.find((id) => !overlap.includes(id))!;
    await expect(vote(outside, a.user.id, "accepted")).rejects.toMatchObject({ code: "bad_request" });
  });
});
