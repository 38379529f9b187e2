import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as nextRoute } from "@/app/api/pairs/next/route";
import { pool } from "@/lib/db/client";
import { countPairs, listPairs } from "@/lib/pairs/list";
import { pairOverview } from "@/lib/pairs/overview";
import { nextPairs } from "@/lib/pairs/queue";
import { PAIR_SORTS, type PairSort } from "@/lib/pairs/schemas";
import { updatePair } from "@/lib/pairs/update";
import { QUALITY_CHECKS } from "@/lib/quality";
import { useTestDatabase } from "../support/db";
import { seedDemo, signedIn } from "./support";

let ids: number[];
let cookie: string;

beforeAll(async () => {
  await useTestDatabase();
  ({ ids } = await seedDemo(60));
  ({ cookie } = await signedIn("viewer"));
  // ties on score and on updated_at are the hard case for keyset paging: make many
  await pool().query(`UPDATE pair SET updated_at = '2026-01-01T00:00:00Z' WHERE id % 3 = 0`);
});

async function walk(sort: PairSort, limit: number) {
  const seen: { id: number; qualityScore: number }[] = [];
  let after: string | undefined;
  for (let page = 0; page < 100; page++) {
    const r = await listPairs({ sort, after, limit });
    seen.push(...r.items);
    if (!r.next) break;
    after = r.next;
  }
  return seen;
}

describe("table pages", () => {
  it.each(PAIR_SORTS)("keyset paging by %s returns every pair once, in order", async (sort) => {
    const seen = await walk(sort, 7);
    expect(seen.map((p) => p.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    if (sort === "score_asc") for (let i = 1; i < seen.length; i++) expect(seen[i]!.qualityScore).toBeGreaterThanOrEqual(seen[i - 1]!.qualityScore);
    if (sort === "newest") expect(seen[0]!.id).toBe(Math.max(...ids));
  });

  it("combines filters and counts the same rows it lists", async () => {
    await updatePair(ids[0]!, { version: 1, answer: "A corrected answer that the reviewer wrote by hand." }, 1);
    await updatePair(ids[1]!, { version: 1, status: "accepted" }, 1);
    const filter = { edited: "true" as const, reviewer: 0 };
    expect((await listPairs(filter)).items.map((p) => p.id)).toEqual([ids[0]]);
    expect(await countPairs(filter)).toBe(1);
    expect((await listPairs({ reviewer: 1 })).items.map((p) => p.id)).toEqual([ids[1]]);
    expect(await countPairs({ model: "gpt-4o-mini", promptVersion: "in2-v1" }) + await countPairs({ model: "gpt-4o-mini", promptVersion: "in2-v2" }))
      .toBe(await countPairs({ model: "gpt-4o-mini" }));
    expect(await countPairs({ q: "corrected answer reviewer" })).toBe(1);
    await expect(listPairs({ sort: "score_asc", after: "garbage" })).rejects.toMatchObject({ code: "bad_request" });
  });

  it("has a partial index for every quality code, so a new check cannot silently make flag filters scan", async () => {
    const { rows } = await pool().query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'pair'`);
    const names = new Set(rows.map((r) => r.indexname));
    for (const c of QUALITY_CHECKS) expect(names.has(`pair_flag_${c.code}_idx`), `migration lacks pair_flag_${c.code}_idx`).toBe(true);
  });
});

describe("review queue", () => {
  it("serves pending pairs lowest score first, continuing after the cursor without repeats", async () => {
    const pending = await countPairs({ status: "pending" });
    const seen: number[] = [];
    let after: string | undefined;
    let last = -1;
    for (;;) {
      const r = await nextPairs({ after, limit: 4 });
      if (!r.items.length) break;
      for (const p of r.items) {
        expect(p.status).toBe("pending");
        expect(p.qualityScore).toBeGreaterThanOrEqual(last);
        expect(p.evidence.length).toBeGreaterThan(0);
        last = p.qualityScore;
        seen.push(p.id);
      }
      after = r.next ?? undefined;
    }
    expect(seen).toHaveLength(pending);
    expect(new Set(seen).size).toBe(pending);
    const highest = await nextPairs({ order: "highest", limit: 3 });
    expect(highest.items[0]!.qualityScore).toBe(1);
  });

  it("answers over HTTP through the shared wrapper, and rejects a bad order with 400", async () => {
    const ok = await nextRoute(new NextRequest("http://local/api/pairs/next?limit=2&type=multi", { headers: { cookie } }), { params: Promise.resolve({}) });
    const body = (await ok.json()) as { items: { type: string }[] };
    expect(body.items.map((p) => p.type)).toEqual(["multi", "multi"]);
    const bad = await nextRoute(new NextRequest("http://local/api/pairs/next?order=sideways", { headers: { cookie } }), { params: Promise.resolve({}) });
    expect(bad.status).toBe(400);
  });

  it("reports progress: counts by status and type, accept rate by model, reviewer throughput", async () => {
    const o = await pairOverview();
    expect(o.total).toBe(60);
    expect(o.byStatus.accepted).toBe(1);
    expect(o.byType.single.pending + o.byType.multi.pending).toBe(o.byStatus.pending);
    const model = o.byModel.find((m) => m.accepted === 1);
    expect(model?.acceptRate).toBe(1);
    expect(o.reviewers).toEqual([expect.objectContaining({ actorId: 1, name: "Local user", today: 1, last7Days: 1 })]);
  });
});
