import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/random";
import { words } from "@/lib/quality/normalize";
import { probeWords } from "./near-duplicates";

const jaccard = (a: string, b: string) => {
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
      if (jaccard(qa, qb) < 0.8) continue;
      checked++;
      const bw = new Set(words(qb));
      expect(probeWords(qa).some((w) => bw.has(w)), `${qa} ⟷ ${qb}`).toBe(true);
    }
    expect(checked).toBeGreaterThan(300);
  });
});
