import { beforeAll, describe, expect, it } from "vitest";
import { getTokenizer, type Tokenizer } from "@/lib/tokenize";
import { readDemoTexts } from "@/test/support/demo-corpus";
import { DEFAULT_MAX_PARAGRAPH_TOKENS, segmentDocument, type SegmentPiece } from "./segment";
import { sentenceSpans, sentencesOf } from "./sentences";
import { naiveCutSegments, naiveSegments } from "@/test/support/naive-segments";

const words: Tokenizer = {
  name: "words",
  encode: (text) => (text.match(/\S+/g) ?? []).map((w) => w.length),
  count: (text) => (text.match(/\S+/g) ?? []).length,
};

const rebuild = (pieces: SegmentPiece[]): string => pieces.map((p) => p.sepBefore + p.text).join("");

/** Everything a reader of the segment table relies on: exact spans, separators that rebuild the document. */
function problems(text: string, pieces: SegmentPiece[], tokenizer: Tokenizer, min: number): string[] {
  const found: string[] = [];
  if (rebuild(pieces) !== text) found.push("segments + separators differ from the text");
  const chars = Array.from(text);
  pieces.forEach((p, i) => {
    if (chars.slice(p.charStart, p.charEnd).join("") !== p.text) found.push(`segment ${i}: offsets`);
    const before = chars.slice(i === 0 ? 0 : pieces[i - 1]!.charEnd, p.charStart).join("");
    if (before !== p.sepBefore) found.push(`segment ${i}: separator ${JSON.stringify(p.sepBefore)} vs ${JSON.stringify(before)}`);
    if (p.tokenCount !== tokenizer.count(p.text)) found.push(`segment ${i}: token count`);
    if (p.tokenCount < min && pieces.length > 1) found.push(`segment ${i}: ${p.tokenCount} < ${min}`);
  });
  return found;
}

describe("sentence splitting (compromise)", () => {
  it("knows abbreviations, initials, times and decimals, and returns exact spans", () => {
    const text = "  The deal was signed on Nov. 3 by Mr. J. Smith of Acme Inc. at 3 p.m. in the U.S. capital. It was worth QR1.83bn. “Why?” he asked.  ";
    expect(sentencesOf(text)).toEqual([
      "The deal was signed on Nov. 3 by Mr. J. Smith of Acme Inc. at 3 p.m. in the U.S. capital.",
      "It was worth QR1.83bn.",
      "“Why?” he asked.",
    ]);
    for (const s of sentenceSpans(text)) expect(text.slice(s.start, s.end)).toBe(text.slice(s.start, s.end).trim());
    expect(sentenceSpans("   ")).toEqual([]);
    expect(sentencesOf("no full stop here")).toEqual(["no full stop here"]);
  });
});

describe("cutting over-long paragraphs (issue 11.9)", () => {
  const sentence = (k: number) => `Sentence number ${k} was written on Jan. ${k} by Dr. Who in the U.S. for a test.`;
  const line = Array.from({ length: 30 }, (_, k) => sentence(k + 1)).join(" ");

  it("cuts a one-line article at sentence boundaries into ≥ min-token segments that rebuild it exactly", () => {
    const pieces = segmentDocument(line, words, 40, 80);
    expect(problems(line, pieces, words, 40)).toEqual([]);
    expect(pieces.length).toBe(10); // 30 sentences of 17 words: 3 sentences (51 words ≥ 40) per segment
    for (const p of pieces) expect(p.text).toMatch(/^Sentence number \d+ .* for a test\.$/);
    expect(pieces.map((p) => p.sepBefore)).toEqual(["", ...Array<string>(9).fill(" ")]);
    expect(pieces.map((p) => ({ text: p.text, sepBefore: p.sepBefore }))).toEqual(naiveCutSegments(line, words, 40, 80, sentenceSpans));
  });

  it("keeps the separator that really stood there (tabs, several spaces, a newline before the paragraph)", () => {
    const text = `Intro paragraph of a few words.\n${sentence(1)}\t${sentence(2)}   ${sentence(3)}  ${sentence(4)}\nShort end.`;
    const pieces = segmentDocument(text, words, 20, 30);
    expect(problems(text, pieces, words, 20)).toEqual([]);
    // 6 + 17 words ≥ 20: the intro and sentence 1; then sentences 2–3; sentence 4 and the short end are merged back
    expect(pieces.map((p) => p.sepBefore)).toEqual(["", "\t"]);
    expect(pieces[0]!.text).toBe(`Intro paragraph of a few words.\n${sentence(1)}`);
    expect(pieces[1]!.text).toBe(`${sentence(2)}   ${sentence(3)}  ${sentence(4)}\nShort end.`);
  });

  it("leaves paragraphs within the bound alone: the paper's rule, whatever the bound", () => {
    const text = "a b c\nd e\nf g h i\nj";
    for (const max of [Infinity, 5, 4]) {
      expect(segmentDocument(text, words, 4, max).map((p) => p.text)).toEqual(naiveSegments(text, words, 4));
    }
  });

  it("counts by running sums where the buffer holds whole paragraphs, and gets the same segments as recounting", () => {
    const units: Tokenizer = { name: "units", encode: (t) => Array.from(t, (c) => c.charCodeAt(0)), count: (t) => t.length,
      newlineAdditivity: { separatorTokens: 1, holds: () => true } };
    const recounted: Tokenizer = { name: "recounted", encode: units.encode, count: units.count };
    const texts = [`${line}\nA short closing paragraph.\n${line}`, `Opening.\n${line}`, `${sentence(1)}\n${sentence(2)}\n${line}\n\n`];
    for (const text of texts) for (const [min, max] of [[100, 300], [40, 200], [300, 1000]] as const) {
      const summed = segmentDocument(text, units, min, max);
      expect(summed).toEqual(segmentDocument(text, recounted, min, max));
      expect(problems(text, summed, units, min)).toEqual([]);
    }
  });

  it("keeps one long sentence whole (a cut happens only where a sentence ends)", () => {
    const text = `${"word ".repeat(300)}end`;
    const pieces = segmentDocument(text, words, 128, 256);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.text).toBe(text);
  });
});

describe("the demo corpus with and without its paragraph breaks (Mistral, 128 / 256)", () => {
  let texts: string[];
  let tokenizer: Tokenizer;
  beforeAll(async () => {
    texts = readDemoTexts().slice(0, 300);
    tokenizer = await getTokenizer("mistral");
  });

  it("with paragraphs: only documents with a paragraph over 256 tokens change, and all invariants hold", () => {
    const failures: string[] = [];
    let changed = 0;
    for (const [d, text] of texts.entries()) {
      const pieces = segmentDocument(text, tokenizer, 128, DEFAULT_MAX_PARAGRAPH_TOKENS);
      for (const p of problems(text, pieces, tokenizer, 128)) failures.push(`doc ${d}: ${p}`);
      const paper = naiveSegments(text, tokenizer, 128);
      const long = text.split("\n").some((p) => tokenizer.count(p) > DEFAULT_MAX_PARAGRAPH_TOKENS);
      if (JSON.stringify(pieces.map((p) => p.text)) !== JSON.stringify(paper)) {
        changed++;
        if (!long) failures.push(`doc ${d}: changed without a long paragraph`);
      }
    }
    expect(failures).toEqual([]);
    expect(changed).toBeGreaterThan(0);
  });

  it("one line per article: ~128-token segments instead of one huge segment per article", () => {
    const failures: string[] = [];
    let flatPieces = 0;
    let paperPieces = 0;
    let over = 0;
    for (const [d, text] of texts.entries()) {
      const flat = text.replace(/\n/g, " ");
      const pieces = segmentDocument(flat, tokenizer, 128, DEFAULT_MAX_PARAGRAPH_TOKENS);
      for (const p of problems(flat, pieces, tokenizer, 128)) failures.push(`doc ${d}: ${p}`);
      flatPieces += pieces.length;
      paperPieces += naiveSegments(text, tokenizer, 128).length;
      over += pieces.filter((p) => p.tokenCount > 2 * DEFAULT_MAX_PARAGRAPH_TOKENS).length;
    }
    expect(failures).toEqual([]);
    // without cutting, every flattened article would be a single segment (300); cut, it is close to the count
    // with the real paragraph breaks
    expect(flatPieces).toBeGreaterThan(0.9 * paperPieces);
    expect(over).toBeLessThan(5);
  });
});
