import { describe, expect, it } from "vitest";
import { buildProbeSet, evenPositions } from "./build";
import { prompt } from "./format";
import { valProbingItems } from "./pieces";
import type { ProbeItem } from "./types";

// A whitespace "tokenizer" keeps these tests fast and makes budgets easy to reason about.
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

describe("evenPositions", () => {
  it("gives every position, or evenly spaced ones that include both ends", () => {
    expect(evenPositions(5)).toEqual([0, 1, 2, 3, 4]);
    expect(evenPositions(5, 9)).toEqual([0, 1, 2, 3, 4]);
    expect(evenPositions(101, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(evenPositions(10, 1)).toEqual([4]);
  });
});

describe("buildProbeSet", () => {
  const items = valProbingItems("document");

  it("fills each context up to the budget, records positions and is reproducible from its seed", () => {
    const opts = { style: "document" as const, items, count: words, tokens: 1500, sets: 3, seed: 7 };
    const a = buildProbeSet(opts);
    expect(a.contexts).toHaveLength(3);
    for (const c of a.contexts) {
      const longestQuestion = Math.max(...a.examples.filter((e) => e.setIndex === c.setIndex).map((e) => words(e.question)));
      expect(c.tokenCount + longestQuestion).toBeLessThanOrEqual(1500);
      // nearly full: less than one more sentence (~60 words) would have fitted
      expect(c.tokenCount + longestQuestion).toBeGreaterThan(1500 - 80);
    }
    expect(a.examples.length + a.excluded.length).toBe(a.contexts.reduce((s, c) => s + c.itemCount, 0));
    const first = a.examples.find((e) => e.setIndex === 0 && e.position === 0)!;
    expect(a.contexts[0]!.text.startsWith(first.answer)).toBe(true);
    expect(a.contexts[0]!.text).toContain(first.key);
    expect(buildProbeSet(opts)).toEqual(a);
    expect(buildProbeSet({ ...opts, seed: 8 }).contexts[0]!.text).not.toBe(a.contexts[0]!.text);
  });

  it("draws different items for different contexts", () => {
    const r = buildProbeSet({ style: "document", items, count: words, tokens: 800, sets: 2, seed: 1 });
    const first = new Set(r.examples.filter((e) => e.setIndex === 0).map((e) => e.answer));
    expect(r.examples.filter((e) => e.setIndex === 1).some((e) => first.has(e.answer))).toBe(false);
  });

  it("probes evenly spaced positions when asked for fewer than the context holds", () => {
    const r = buildProbeSet({ style: "database", items: valProbingItems("database"), count: words, tokens: 2000, sets: 1, seed: 3, positions: 5 });
    const n = r.contexts[0]!.itemCount;
    expect(r.examples.map((e) => e.position)).toEqual(evenPositions(n, 5));
    const last = r.examples.at(-1)!;
    expect(prompt(r.contexts[0]!.text, last.question).endsWith(`whose id is "${last.key}"? Output the label and the description.`)).toBe(true);
  });

  it("excludes and counts examples whose key occurs twice in the context", () => {
    const pool: ProbeItem[] = [
      { text: "def a():\n    x = 1\n    return x", key: "x = 1", answer: "a", meta: {} },
      { text: "def b():\n    x = 1\n    y = 2", key: "y = 2", answer: "b", meta: {} },
      { text: "def c():\n    z = 3", key: "z = 3", answer: "c", meta: {} },
    ];
    const r = buildProbeSet({ style: "code", items: pool, count: words, tokens: 10_000, sets: 1, seed: 0 });
    expect(r.contexts[0]!.itemCount).toBe(3);
    expect(r.excluded).toHaveLength(1);
    expect(r.excluded[0]!.occurrences).toBe(2);
    expect(r.examples.map((e) => e.answer).sort()).toEqual(["b", "c"]);
  });

  it("keeps the reserve free and refuses a budget that cannot hold two items", () => {
    const r = buildProbeSet({ style: "document", items, count: words, tokens: 1500, sets: 1, seed: 7, reserve: 500 });
    const longestQuestion = Math.max(...r.examples.map((e) => words(e.question)));
    expect(r.contexts[0]!.tokenCount + longestQuestion).toBeLessThanOrEqual(1000);
    expect(() => buildProbeSet({ style: "document", items, count: words, tokens: 30, sets: 1, seed: 0 })).toThrow(/fewer than two/);
  });
});
