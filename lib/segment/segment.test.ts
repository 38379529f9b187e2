import { describe, expect, it } from "vitest";
import type { Tokenizer } from "@/lib/tokenize";
import { codePointLength, segmentDocument, type SegmentPiece } from "./segment";
import { naiveSegments } from "@/test/support/naive-segments";

/** One token per whitespace-separated word; declares no additivity, so segmentation recounts the buffer. */
const words: Tokenizer = {
  name: "words",
  encode: (text) => (text.match(/\S+/g) ?? []).map((w) => w.length),
  count: (text) => (text.match(/\S+/g) ?? []).length,
};

/** One token per UTF-16 unit, "\n" included: additive by construction, and it says so. */
const units: Tokenizer = {
  name: "units",
  encode: (text) => Array.from(text, (c) => c.charCodeAt(0)),
  count: (text) => text.length,
  newlineAdditivity: { separatorTokens: 1, holds: () => true },
};
const unitsRecounted: Tokenizer = { name: "units-recounted", encode: units.encode, count: units.count };

function view(pieces: SegmentPiece[]): [string, number, number, number][] {
  return pieces.map((p) => [p.text, p.tokenCount, p.charStart, p.charEnd]);
}

describe("segmentDocument", () => {
  it("fills a buffer to the floor, emits it, and merges a short tail into the last segment", () => {
    const pieces = segmentDocument("a b c\nd e\nf g h i\nj", words, 4);
    expect(view(pieces)).toEqual([
      ["a b c\nd e", 5, 0, 9],
      ["f g h i\nj", 5, 10, 19],
    ]);
    expect(pieces.map((p) => p.index)).toEqual([0, 1]);
  });

  it("keeps a document under the floor whole, and returns nothing for an empty text", () => {
    expect(view(segmentDocument("one two\nthree", words, 128))).toEqual([["one two\nthree", 3, 0, 13]]);
    expect(segmentDocument("", words)).toEqual([]);
  });

  it("keeps empty paragraphs so that joining gives the text back", () => {
    for (const text of ["\n", "\n\n\n", "\nlead", "trail\n", "a\n\n\nb c d e\n\n", "x y z w\n\nq"]) {
      const pieces = segmentDocument(text, words, 2);
      expect(pieces.map((p) => p.text).join("\n")).toBe(text);
      expect(pieces.map((p) => p.text)).toEqual(naiveSegments(text, words, 2));
    }
    expect(view(segmentDocument("a b\n\nc d\n", words, 2))).toEqual([
      ["a b", 2, 0, 3],
      ["\nc d\n", 2, 4, 9],
    ]);
  });

  it("counts offsets in code points, not UTF-16 units", () => {
    const text = "🦙🦙 llama\n𝔘𝔫𝔦𝔠𝔬𝔡𝔢 x\nplain";
    const pieces = segmentDocument(text, words, 2);
    const chars = Array.from(text);
    expect(pieces.map((p) => [p.charStart, p.charEnd])).toEqual([[0, 8], [9, 24]]);
    for (const p of pieces) expect(chars.slice(p.charStart, p.charEnd).join("")).toBe(p.text);
  });

  it("gives the same segments by running sums (additive tokenizer) as by recounting", () => {
    let seed = 1;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return Math.floor((seed / 2 ** 32) * n);
    };
    for (let trial = 0; trial < 300; trial++) {
      const paragraphs = Array.from({ length: 1 + random(12) }, () => "x".repeat(random(30)));
      const text = paragraphs.join("\n");
      const min = 1 + random(40);
      const summed = segmentDocument(text, units, min);
      expect(summed).toEqual(segmentDocument(text, unitsRecounted, min));
      expect(summed.map((p) => p.text)).toEqual(naiveSegments(text, units, min));
      for (const p of summed) expect(p.tokenCount).toBe(p.text.length);
    }
  });
});

describe("codePointLength", () => {
  it("counts surrogate pairs once and lone surrogates as one", () => {
    for (const s of ["", "abc", "🦙", "a🦙b", "\ud800", "\udc00\ud800", "𝔘𝔫", "é\u0301", "中文"]) {
      expect(codePointLength(s)).toBe(Array.from(s).length);
    }
    expect(codePointLength("🦙🦙")).toBe(2);
  });
});
