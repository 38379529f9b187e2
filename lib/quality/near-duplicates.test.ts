import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/random";
import { probeWords } from "./near-duplicate-probes";
import { findNearDuplicates, findNearDuplicatesWithStats, nearDuplicateFlag, questionTerms } from "./near-duplicates";
import { words } from "./normalize";

const wordSet = (q: string) => new Set(questionTerms(q));
function jaccard(a: string, b: string): number {
  const x = wordSet(a);
  const y = wordSet(b);
  const both = [...x].filter((w) => y.has(w)).length;
  return both / (x.size + y.size - both);
}

describe("findNearDuplicates", () => {
  it("maps later near-duplicates to the earliest match and leaves distinct questions alone", () => {
    const questions = [
      { id: 10, question: "How many passengers on the Dawn Princess ship became infected with norovirus on Sunday?" },
      { id: 11, question: "Why did Arlington offer Amazon $23 million in incentives?" },
      { id: 12, question: "How many passengers on the Dawn Princess ship became infected with norovirus on Monday?" },
      { id: 13, question: "why did ARLINGTON offer amazon $23 million in incentives" },
      { id: 14, question: "How many crew members on the Crown Princess came down with norovirus?" },
      { id: 15, question: "" },
      { id: 16, question: "What's the capital of France?" },
      { id: 17, question: "What is the capital of France?" },
    ];
    expect([...findNearDuplicates(questions)].sort()).toEqual([
      [12, 10],
      [13, 11],
      [17, 16],
    ]);
    expect(findNearDuplicates(questions, 0.95).has(12)).toBe(false);
    expect(nearDuplicateFlag(10)).toMatchObject({ code: "near_duplicate", severity: "warning" });
  });

  it("finds planted near-duplicates among 50,000 questions without comparing all pairs", () => {
    const rng = createRng("near-dup");
    const vocab = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
    const names = Array.from({ length: 3000 }, (_, i) => `n${i.toString(36)}`);
    const questions: { id: number; question: string }[] = [];
    const planted = new Map<number, number>();
    for (let id = 1; questions.length < 50_000; id++) {
      const roll = rng.next();
      const earlier = questions.length > 100 ? rng.pick(questions) : undefined;
      if (earlier && roll < 0.04) {
        // one word of a 12–18 word question replaced: Jaccard ≥ 11/13 ≈ 0.85 (unless words repeat)
        const words = earlier.question.split(" ");
        words[rng.int(0, words.length - 1)] = rng.pick(vocab);
        questions.push({ id, question: words.join(" ") });
        planted.set(id, earlier.id);
      } else if (roll < 0.3) {
        // templated questions share five words with thousands of others (Jaccard ≈ 0.45): the LSH load case
        questions.push({ id, question: `What did ${rng.pick(names)} say about ${rng.pick(vocab)} in ${rng.pick(vocab)}?` });
      } else {
        questions.push({ id, question: Array.from({ length: rng.int(12, 18) }, () => rng.pick(vocab)).join(" ") });
      }
    }
    const text = new Map(questions.map((q) => [q.id, q.question]));
    const { duplicates, comparisons } = findNearDuplicatesWithStats(questions);

    // a planted copy of a short templated question can fall below the threshold: only true ones count
    const truePlanted = [...planted].filter(([id, from]) => jaccard(text.get(id) ?? "", text.get(from) ?? "") >= 0.8);
    expect(truePlanted.length).toBeGreaterThan(1000);
    const found = truePlanted.filter(([id]) => duplicates.has(id)).length;
    expect(found / truePlanted.length).toBeGreaterThan(0.99);
    // no false positives: every reported pair really is ≥ 0.8 similar, and points backwards
    const wrong = [...duplicates].filter(
      ([id, earlier]) => earlier >= id || jaccard(text.get(id) ?? "", text.get(earlier) ?? "") < 0.8,
    );
    expect(wrong).toEqual([]);
    // linear work: all-pairs would be 1.25 billion comparisons; LSH needs a handful per question
    expect(comparisons).toBeLessThan(20 * questions.length);
  });
});

/** Jaccard over all words (the index probe's bound is over words, function words included). */
const wordJaccard = (a: string, b: string) => {
  const x = new Set(words(a));
  const y = new Set(words(b));
  const both = [...x].filter((w) => y.has(w)).length;
  return both / (x.size + y.size - both);
};

describe("probeWords (the index probe behind near-duplicate candidates)", () => {
  it("picks the longest letter-only words, as many as the pigeonhole bound needs", () => {
    const q = "Why did Arlington County offer Amazon $23 million in incentives in 2018?";
    // 11 distinct words, threshold 0.8: 11 − ⌈8.8⌉ + 1 = 3 probes
    expect(probeWords(q)).toEqual(["incentives", "arlington", "million"]);
    expect(probeWords("")).toEqual([]);
  });

  it("with word frequencies, takes the rarest words first (a word in every question only when it must)", () => {
    const q = "Why did Arlington County offer Amazon $23 million in incentives in 2018?";
    const frequency = new Map([["incentives", 0.9], ["arlington", 0.5], ["million", 0.2]]);
    // the unlisted words count as rarer than every listed one; among them the longest come first
    expect(probeWords(q, undefined, frequency)).toEqual(["amazon", "county", "offer"]);
    const template = new Map([["happened", 1], ["the", 0.9], ["what", 0.8], ["with", 0.7], ["council", 0.001]]);
    expect(probeWords("what happened with the council", undefined, template)).toEqual(["council", "with"]);
  });

  it("never misses: every question at Jaccard ≥ 0.8 shares a probe word (randomised, 2,000 pairs)", () => {
    const rng = createRng("probe-words");
    const vocab = Array.from({ length: 400 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${"x".repeat(i % 7)}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    let checked = 0;
    for (let n = 0; n < 2000; n++) {
      const a = rng.sample(vocab, rng.int(5, 25));
      const b = [...a];
      // change a few words: drop some, add some
      for (let k = rng.int(0, 2); k > 0; k--) b.splice(rng.int(0, b.length - 1), 1);
      for (let k = rng.int(0, 2); k > 0; k--) b.push(rng.pick(vocab));
      const qa = a.join(" ");
      const qb = b.join(" ");
      if (wordJaccard(qa, qb) < 0.8) continue;
      checked++;
      const bw = new Set(words(qb));
      expect(probeWords(qa).some((w) => bw.has(w)), `${qa} ⟷ ${qb}`).toBe(true);
      // any frequencies only change which of the words are probed, never the guarantee
      const frequency = new Map(vocab.map((w) => [w, rng.int(0, 1000) / 1000]));
      expect(probeWords(qa, undefined, frequency).some((w) => bw.has(w)), `${qa} ⟷ ${qb} (by frequency)`).toBe(true);
    }
    expect(checked).toBeGreaterThan(300);
  });
});
