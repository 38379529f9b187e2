import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { getPair, getPairs } from "@/lib/pairs/detail";
import { countPairs, listPairs } from "@/lib/pairs/list";
import { nearDuplicatePass, recheckQuality } from "@/lib/pairs/quality";
import { updatePair } from "@/lib/pairs/update";
import { corpusNearDuplicates, forgetQuestionWordFrequencies, probeWords, questionWordFrequencies } from "@/lib/quality/near-duplicate-probes";
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
    const { corpusNearDuplicates } = await import("@/lib/quality/near-duplicate-probes");
    const all = await corpusNearDuplicates(pool(), [(await getPair(target)).corpusId]);
    expect(all.get(target)).toBe(source.id);
  });

  it("probes templated questions by their rarest words and still flags exactly the near-duplicates the corpus-wide pass finds", async () => {
    // 400 questions on one template whose longest word ("notwithstanding") is in every one: probing it read every
    // earlier pair per recheck. Every 40th question repeats an earlier one with one word added (Jaccard 8/9).
    const places = ["harbour", "orchard", "quarry", "viaduct", "granary", "foundry", "lighthouse", "monastery", "brewery", "tannery"];
    const letters = (n: number) => [...String(n)].map((d) => "abcdefghij"[Number(d)]).join("");
    const question = (i: number) => `Notwithstanding delays, what did inspectors report about the ${places[i % 10]} ${letters(i)}kin and ${letters(i * 7)}ton?`;
    const questions = Array.from({ length: 400 }, (_, i) => i % 40 === 39 ? question(i - 20).replace("what did", "what exactly did") : question(i));
    const base = await getPair(ids[0]!);
    const { rows } = await pool().query<{ id: number }>(
      `INSERT INTO pair (type, corpus_id, document_id, question, answer, original, provider, model, prompt_version)
       SELECT 'single', $1, $2, q, 'a', '{}', 'bench', 'm', 'v1' FROM unnest($3::text[]) WITH ORDINALITY AS t(q, n) ORDER BY n RETURNING id`,
      [base.corpusId, base.documentId, questions]);
    const added = rows.map((r) => r.id);
    await pool().query("ANALYZE pair");
    forgetQuestionWordFrequencies();
    const frequency = await questionWordFrequencies(pool());
    expect(frequency.get("notwithstanding")).toBeGreaterThan(0.8);
    expect(probeWords(questions[0]!)).toContain("notwithstanding");
    expect(probeWords(questions[0]!, undefined, frequency)).not.toContain("notwithstanding");

    const planted = new Map(added.flatMap((id, i) => i % 40 === 39 ? [[id, added[i - 20]!] as const] : []));
    expect(await recheckQuality(added)).toMatchObject({ checked: 400 });
    const flagged = new Map<number, string>();
    for (const p of await getPairs(added)) {
      const f = p.qualityFlags.find((x) => x.code === "near_duplicate");
      if (f) flagged.set(p.id, f.reason);
    }
    expect([...flagged.keys()].sort((a, b) => a - b)).toEqual([...planted.keys()]);
    for (const [id, earlier] of planted) expect(flagged.get(id)).toContain(`#${earlier}`);
    const all = await corpusNearDuplicates(pool(), [base.corpusId]);
    for (const id of added) expect(all.get(id)).toBe(planted.get(id));

    // a planted pair alone goes through the index probes (its rarest words are rare), with the same result
    const dups = [...planted.keys()];
    await pool().query(`UPDATE pair SET quality_flags = '[]' WHERE id = ANY($1::int[])`, [dups]);
    for (const id of dups) {
      expect(await nearDuplicatePass(pool(), [id])).toBe("probes");
      expect(await recheckQuality([id])).toMatchObject({ checked: 1, changed: 1 });
    }
    for (const p of await getPairs(dups)) expect(p.qualityFlags.find((x) => x.code === "near_duplicate")?.reason).toContain(`#${planted.get(p.id)}`);
  });

  it("rechecks questions made only of common words with one corpus-wide pass instead of probes", async () => {
    const base = await getPair(ids[0]!);
    const { rows } = await pool().query<{ id: number }>(
      `INSERT INTO pair (type, corpus_id, document_id, question, answer, original, provider, model, prompt_version)
       SELECT 'single', $1, $2, 'Which orchestra toured Lisbon during the winter festival?', 'a', '{}', 'bench', 'm', 'v1' FROM generate_series(1, 300)
       RETURNING id`, [base.corpusId, base.documentId]);
    const copies = rows.map((r) => r.id).sort((a, b) => a - b);
    await pool().query("ANALYZE pair");
    forgetQuestionWordFrequencies();
    expect(await nearDuplicatePass(pool(), copies.slice(-100))).toBe("corpus");
    await recheckQuality(copies.slice(-100));
    for (const p of await getPairs(copies.slice(-100))) expect(p.qualityFlags.find((f) => f.code === "near_duplicate")?.reason).toContain(`#${copies[0]}`);
  });
});

