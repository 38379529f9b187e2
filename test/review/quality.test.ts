import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { getPair, getPairs } from "@/lib/pairs/detail";
import { countPairs, listPairs } from "@/lib/pairs/list";
import { recheckQuality } from "@/lib/pairs/quality";
import { updatePair } from "@/lib/pairs/update";
import type { SeedKind } from "@/test/support/review-seed";
import { useTestDatabase } from "../support/db";
import { seedDemo } from "./support";

let ids: number[];
let kinds: SeedKind[];
const idsOf = (k: SeedKind) => ids.filter((_, i) => kinds[i] === k);
const codes = async (id: number) => (await getPair(id)).qualityFlags.map((f) => f.code);

beforeAll(async () => {
  await useTestDatabase();
  ({ ids, kinds } = await seedDemo(48));
});

describe("quality checks on pairs cut from the demo corpus", () => {
  it("seeded every kind of pair from real segments", () => {
    expect(ids).toHaveLength(48);
    for (const k of ["single", "multi", "meta", "invented", "one_piece", "near_dup"] as const) expect(idsOf(k).length).toBeGreaterThan(0);
  });

  it("leaves clean single and multi pairs unflagged and highlights their quotes in the evidence", async () => {
    for (const p of await getPairs([...idsOf("single"), ...idsOf("multi")])) {
      expect(p.qualityFlags, `pair ${p.id}: ${p.question}`).toEqual([]);
      expect(p.qualityScore).toBe(1);
      expect(p.missingQuotes).toEqual([]);
      for (const piece of p.evidence) for (const s of piece.spans) expect(piece.text.slice(s.start, s.end).length).toBeGreaterThan(20);
    }
    const multi = (await getPairs(idsOf("multi")))[0]!;
    expect(new Set(multi.evidence.filter((e) => e.spans.length).map((e) => e.piece)).size).toBe(2);
  });

  it("stores the faults as flags with reasons and lowers the score", async () => {
    for (const id of idsOf("meta")) expect(await codes(id)).toContain("meta_phrase");
    for (const id of idsOf("invented")) {
      const p = await getPair(id);
      expect(p.qualityFlags.find((f) => f.code === "support_not_found")?.reason).toMatch(/not found in the evidence/);
      expect(p.missingQuotes).toEqual([0]);
      expect(p.qualityScore).toBeLessThan(1);
    }
    for (const id of idsOf("one_piece")) expect(await codes(id)).toContain("multi_single_piece");
    for (const id of idsOf("near_dup")) {
      const p = await getPair(id);
      expect(p.qualityFlags.find((f) => f.code === "near_duplicate")?.reason).toContain(`#${ids[0]}`);
    }
    expect(await codes(ids[0]!)).not.toContain("near_duplicate");
  });

  it("makes flags filterable and orders the table by score", async () => {
    expect(await countPairs({ flag: "meta_phrase" })).toBe(idsOf("meta").length);
    expect(await countPairs({ flag: "none" })).toBe(idsOf("single").length + idsOf("multi").length);
    const low = await listPairs({ sort: "score_asc", limit: 5 });
    expect(low.items[0]!.qualityScore).toBeLessThan(1);
    expect(low.items[0]!.flags.length).toBeGreaterThan(0);
  });

  it("re-checks after an edit: a meta phrase added to the answer is flagged, the original stays", async () => {
    const id = idsOf("single")[0]!;
    const before = await getPair(id);
    const r = await updatePair(id, { version: before.version, answer: `As stated in the passage, ${before.answer}` }, 1);
    expect(r.pair.qualityFlags.map((f) => f.code)).toContain("meta_phrase");
    expect(r.pair.edited).toBe(true);
    expect(r.pair.original).toEqual({ question: before.question, answer: before.answer, support: before.support });
    const fixed = await updatePair(id, { version: r.pair.version, answer: before.answer }, 1);
    expect(fixed.pair.qualityFlags).toEqual([]);
  });

  it("recheckQuality finds a near-duplicate written later and records a quality event; the corpus-wide pass agrees", async () => {
    const target = idsOf("single")[2]!;
    const source = await getPair(idsOf("single")[1]!);
    await pool().query(`UPDATE pair SET question = $1 WHERE id = $2`, [source.question.replace("What", "Tell me what"), target]);
    expect(await recheckQuality([target])).toMatchObject({ checked: 1, changed: 1 });
    const flag = (await getPair(target)).qualityFlags.find((f) => f.code === "near_duplicate");
    expect(flag?.reason).toContain(`#${source.id}`);
    const { rows } = await pool().query(`SELECT actor_id FROM pair_event WHERE pair_id = $1 AND kind = 'quality'`, [target]);
    expect(rows).toEqual([{ actor_id: null }]);
    const { corpusNearDuplicates } = await import("@/lib/quality/near-duplicates");
    const all = await corpusNearDuplicates(pool(), [(await getPair(target)).corpusId]);
    expect(all.get(target)).toBe(source.id);
  });
});
