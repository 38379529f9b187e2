import { describe, expect, it } from "vitest";
import { wordKey } from "@/lib/quality/normalize";
import { leakDetector, segmentLeakDetector } from "./leak";
import type { SegmentRef } from "./types";

const seg = (text: string): SegmentRef => ({ id: 1, documentId: 1, tokenCount: 1, text });

describe("segmentLeakDetector (the word pre-check before word keys)", () => {
  it("agrees with the full word-key test, curly quotes, dashes, case and invisible characters included", () => {
    const answer = "the Treaty was signed in Vienna";
    const support = ["“The treaty was signed in Vienna,” she said … after long talks in the old palace"];
    const full = leakDetector(answer, support);
    const fast = segmentLeakDetector(answer, support);
    const texts = [
      "Officials said the treaty was signed in Vienna last week.",
      "Officials said THE TREATY — was signed… in VIENNA!",
      "“The treaty was signed in Vienna,” officials said.",
      "the treaty was signed in Viennese style", // every word but one
      "the trea\u00ADty was signed in Vienna", // a soft hyphen inside a word: the word key joins it
      "the trea\u200Bty was signed in Vienna",
      "signed in Vienna, the treaty was",
      "after long talks in the old palace", // a part of an elided quote (≥ 3 words)
      "after long talks in the old palaces",
      "", "Vienna", "treaty’s signing in Vienna was the talk",
    ];
    for (const t of texts) expect([t, fast(seg(t))]).toEqual([t, full(t)]);
  });

  it("catches every character that wordKey drops inside a word (the pre-check's exactness rests on it)", () => {
    const fast = segmentLeakDetector("abcd efgh", []);
    const missed: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      if (wordKey(`ab${ch}cd`) !== "abcd") continue; // kept (a letter, a separator): no business of the pre-check
      if (!fast(seg(`xx ab${ch}cd efgh yy`))) missed.push(c.toString(16));
    }
    expect(missed).toEqual([]);
  });
});
