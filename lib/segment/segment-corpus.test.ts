import * as o200k from "gpt-tokenizer/encoding/o200k_base";
import ref from "mistral-tokenizer-js";
import { beforeAll, describe, expect, it } from "vitest";
import { getTokenizer, type Tokenizer } from "@/lib/tokenize";
import { readDemoTexts } from "@/test/support/demo-corpus";
import { segmentDocument, type SegmentPiece } from "./segment";
import { naiveSegments } from "@/test/support/naive-segments";

const MIN = 128;
let texts: string[];
beforeAll(() => {
  texts = readDemoTexts();
});

/** Problems with one document's segments under the IN2 invariants; `exact` is the reference count. */
function problems(text: string, pieces: SegmentPiece[], tokenizer: Tokenizer, exact: (s: string) => number): string[] {
  const found: string[] = [];
  if (pieces.map((p) => p.text).join("\n") !== text) found.push("join differs from text");
  const expected = naiveSegments(text, tokenizer, MIN);
  if (JSON.stringify(pieces.map((p) => p.text)) !== JSON.stringify(expected)) found.push("cut differs from the rule");
  const chars = Array.from(text);
  pieces.forEach((p, i) => {
    const reference = exact(p.text);
    if (p.index !== i) found.push(`segment ${i}: index ${p.index}`);
    if (p.tokenCount !== reference) found.push(`segment ${i}: ${p.tokenCount} tokens, reference ${reference}`);
    if (p.tokenCount < MIN && pieces.length > 1) found.push(`segment ${i}: ${p.tokenCount} < ${MIN}`);
    if (chars.slice(p.charStart, p.charEnd).join("") !== p.text) found.push(`segment ${i}: offsets`);
  });
  if (pieces.length === 1 && (pieces[0]?.tokenCount ?? 0) < MIN && exact(text) >= MIN) found.push("lone short segment");
  return found;
}

describe("IN2 segmentation over the demo corpus (1,000 C4 realnewslike documents)", () => {
  it("Mistral: invariants hold and every count equals mistral-tokenizer-js's", async () => {
    const tokenizer = await getTokenizer("mistral");
    const reference = (s: string): number => (ref.encode(s, false, false) ?? []).length;
    const failures: string[] = [];
    let segments = 0;
    let lone = 0;
    let tokens = 0;
    for (const [d, text] of texts.entries()) {
      const pieces = segmentDocument(text, tokenizer, MIN);
      segments += pieces.length;
      if (pieces.length === 1) lone++;
      tokens += pieces.reduce((sum, p) => sum + p.tokenCount, 0);
      for (const problem of problems(text, pieces, tokenizer, reference)) failures.push(`doc ${d}: ${problem}`);
    }
    expect(failures).toEqual([]);
    expect(texts.length).toBe(1000);
    // The figures of this fixed sample (~655 tokens per document, as the paper's ~600), pinned against drift.
    expect({ segments, lone, tokens }).toEqual({ segments: 3716, lone: 308, tokens: 655_027 });
  });

  it("o200k_base: invariants hold and every count equals gpt-tokenizer's", async () => {
    const tokenizer = await getTokenizer("o200k_base");
    const failures: string[] = [];
    for (const [d, text] of texts.entries()) {
      const pieces = segmentDocument(text, tokenizer, MIN);
      for (const problem of problems(text, pieces, tokenizer, (s) => o200k.encode(s).length)) {
        failures.push(`doc ${d}: ${problem}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("Mistral: recounts exactly when a paragraph lies outside the fast path's proof (reference fallback)", async () => {
    const tokenizer = await getTokenizer("mistral");
    const rare = "Ꙋ".repeat(90); // 3 byte tokens per UTF-16 unit: the reference's position term kicks in
    expect(tokenizer.newlineAdditivity?.holds(rare)).toBe(false);
    const text = [texts[0] ?? "", rare, texts[1] ?? "", rare].join("\n");
    const pieces = segmentDocument(text, tokenizer, MIN);
    expect(problems(text, pieces, tokenizer, (s) => (ref.encode(s, false, false) ?? []).length)).toEqual([]);
    expect(pieces.some((p) => p.text.includes(rare))).toBe(true);
  });
});
