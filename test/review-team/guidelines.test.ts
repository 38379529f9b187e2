import { beforeAll, describe, expect, it } from "vitest";
import { vote, routeOverlap } from "@/lib/agreement/overlap";
import { pool } from "@/lib/db/client";
import { addComment, listComments } from "@/lib/guidelines/comments";
import { guidelinesState, saveGuidelines } from "@/lib/guidelines/guidelines";
import { bulkUpdate } from "@/lib/pairs/bulk";
import { updatePair } from "@/lib/pairs/update";
import { useTestDatabase } from "../support/db";
import { seedDemo, signedIn } from "../review/support";

let ids: number[];
beforeAll(async () => {
  await useTestDatabase();
  ({ ids } = await seedDemo(12));
});

const versionOf = async (pairId: number, kind: string) =>
  (await pool().query<{ v: number | null }>(`SELECT guidelines_version AS v FROM pair_event WHERE pair_id = $1 AND kind = $2 ORDER BY id DESC LIMIT 1`, [pairId, kind])).rows[0]?.v;

describe("guidelines and comments", () => {
  it("versions the guidelines and records the version in force with each decision", async () => {
    const lead = await signedIn("curator", "lead@guide.test");
    expect((await guidelinesState()).current).toBeNull();
    await updatePair(ids[0]!, { version: 1, status: "accepted" }, lead.user.id);
    expect(await versionOf(ids[0]!, "status")).toBeNull();
    const v1 = await saveGuidelines("# Rules\n- reject questions that name the piece", lead.user.id);
    await updatePair(ids[1]!, { version: 1, status: "rejected" }, lead.user.id);
    const v2 = await saveGuidelines("# Rules\n- reject questions that name the piece\n- flag dates without a year", lead.user.id);
    await updatePair(ids[2]!, { version: 1, status: "accepted" }, lead.user.id);
    expect(await versionOf(ids[1]!, "status")).toBe(v1.id);
    expect(await versionOf(ids[2]!, "status")).toBe(v2.id);
    // bulk actions and blind votes record it too
    const r = await bulkUpdate({ status: "pending", type: "single" }, "flag", (await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair WHERE status = 'pending' AND type = 'single'`)).rows[0]!.n, lead.user.id);
    const ev = await pool().query<{ v: number }>(`SELECT DISTINCT guidelines_version AS v FROM pair_event WHERE group_id = $1`, [r.groupId]);
    expect(ev.rows).toEqual([{ v: v2.id }]);
    expect((await routeOverlap({ fraction: 1, seed: "g", filter: { type: "multi" } })).added).toBeGreaterThan(0);
    const open = (await pool().query<{ id: number }>(`SELECT pair_id AS id FROM overlap_pair LIMIT 1`)).rows[0]!;
    await vote(open.id, lead.user.id, "accepted");
    expect((await pool().query<{ v: number }>(`SELECT guidelines_version AS v FROM review_vote WHERE pair_id = $1`, [open.id])).rows[0]!.v).toBe(v2.id);
    const s = await guidelinesState();
    expect(s.current).toMatchObject({ id: v2.id, text: expect.stringContaining("flag dates"), author: "lead" });
    expect(s.history.map((h) => h.id)).toEqual([v2.id, v1.id]);
  });

  it("keeps comments on a pair, newest first, and refuses an unknown pair", async () => {
    const rev = await signedIn("reviewer", "rev@guide.test");
    await addComment(ids[3]!, rev.user.id, "support quote is from another piece");
    await addComment(ids[3]!, rev.user.id, "fixed by the edit");
    expect((await listComments(ids[3]!)).map((c) => [c.text, c.author])).toEqual([["fixed by the edit", "rev"], ["support quote is from another piece", "rev"]]);
    await expect(addComment(999_999, rev.user.id, "x")).rejects.toMatchObject({ code: "not_found" });
  });
});
