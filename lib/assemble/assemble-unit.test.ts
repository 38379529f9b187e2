import { describe, expect, it } from "vitest";
import type { Rng } from "@/lib/random";
import { assembleContext } from "./assemble-context";
import { renderAssembled, renderContext } from "./render";
import { wordTokenizer } from "@/test/support/assemble-demo";
import { AssemblyError, type AssembleInput, type AssembleOptions, type FillerSource, type SegmentRef } from "./types";

// Small synthetic cases for the paths the corpus run rarely or never takes.
const words = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(" ");
const seg = (id: number, documentId: number, text: string): SegmentRef => ({
  id, documentId, text, tokenCount: wordTokenizer.count(text),
});

const evidence = { ...seg(1, 1, `${words(30, "ev")} the treaty was signed in Vienna ${words(10, "ew")}`), piece: 1 };
const input: AssembleInput = {
  pairId: 9, type: "single", evidence: [evidence], answer: "It was signed in Vienna.",
  support: ["the treaty was signed in Vienna"], sourceDocument: { id: 1, text: `intro\n${evidence.text}\noutro`, tokenCount: 0 },
};
const opts: AssembleOptions = { minTokens: 300, maxTokens: 400, shortRatio: 0, seed: 1 };

/** Fillers 2..201 from documents 2..201 (30–50 words each), drawn uniformly by the rng. */
function pool(extra: SegmentRef[] = [], size = 200): FillerSource {
  const fillers = [...extra, ...Array.from({ length: size }, (_, i) => seg(i + 2, i + 2, words(30 + (i % 21), `f${i}w`)))];
  return {
    draw: (rng: Rng, exclude: Set<number>, count: number) =>
      rng.sample(fillers.filter((f) => !exclude.has(f.documentId)), count),
  };
}
const textOf = (segments: SegmentRef[]) => (id: number) => segments.find((s) => s.id === id)?.text ?? "";

describe("assembleContext edge cases", () => {
  it("turns away fillers that contain the answer or a support quote", () => {
    const leaky = [seg(500, 50, `Officials said the treaty was signed in Vienna last week.`), seg(501, 51, "We know it was signed in Vienna.")];
    // ~8% of contexts draw one of the 2 leaky fillers among 202: 100 pairs make "none drawn" a 1-in-4000 seed, not 1 in 5.
    const results = Array.from({ length: 100 }, (_, i) => assembleContext({ ...input, pairId: i }, pool(leaky), wordTokenizer, opts));
    for (const r of results) expect(r.spans.some((s) => s.segmentId >= 500)).toBe(false);
    expect(results.reduce((s, r) => s + r.leakyFillersRejected, 0)).toBeGreaterThan(0);
  });

  it("skips fillers from the evidence document even when the source offers them", () => {
    const careless: FillerSource = { draw: (rng, _exclude, count) => rng.sample(
      [seg(600, 1, words(40, "own")), ...Array.from({ length: 50 }, (_, i) => seg(700 + i, 70 + i, words(40, `g${i}w`)))], count) };
    for (let pairId = 0; pairId < 20; pairId++) {
      const r = assembleContext({ ...input, pairId }, careless, wordTokenizer, opts);
      expect(r.spans.filter((s) => s.role === "filler").every((s) => s.documentId !== 1)).toBe(true);
    }
  });

  it("repairs lengths when stored token counts disagree with the tokenizer", () => {
    for (const factor of [0.7, 1.4]) {
      const fillers = Array.from({ length: 300 }, (_, i) => {
        const s = seg(i + 2, i + 2, words(30 + (i % 21), `f${i}w`));
        return { ...s, tokenCount: Math.round(s.tokenCount * factor) };
      });
      const source: FillerSource = { draw: (rng, ex, n) => rng.sample(fillers.filter((f) => !ex.has(f.documentId)), n) };
      let counts = 0;
      const counting = { count: (t: string) => (counts++, wordTokenizer.count(t)) };
      for (let pairId = 0; pairId < 30; pairId++) {
        const r = assembleContext({ ...input, pairId }, source, counting, opts);
        const text = renderContext(r.spans, textOf([evidence, ...fillers]));
        expect(wordTokenizer.count(text)).toBe(r.totalTokens);
        expect(r.totalTokens).toBeGreaterThanOrEqual(300);
        expect(r.totalTokens).toBeLessThanOrEqual(400);
        expect(r.spans.at(-1)?.tokenEnd).toBe(r.totalTokens);
      }
      // 3 probe counts, then one count per context plus at least one repair round for most of them
      expect(counts).toBeGreaterThan(3 + 30 + 15);
    }
  });

  it("offsets spans in code points, so characters outside the BMP count once", () => {
    const emoji = Array.from({ length: 60 }, (_, i) => seg(i + 2, i + 2, `${words(40, `e${i}w`)} 😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ${i}`));
    const source: FillerSource = { draw: (rng, ex, n) => rng.sample(emoji.filter((f) => !ex.has(f.documentId)), n) };
    const r = assembleContext(input, source, wordTokenizer, opts);
    const text = renderContext(r.spans, textOf([evidence, ...emoji]));
    const cps = Array.from(text);
    expect(cps.length).toBeLessThan(text.length);
    for (const s of r.spans) expect(cps.slice(s.charStart, s.charEnd).join("")).toBe(textOf([evidence, ...emoji])(s.segmentId));
  });

  it("keeps the whole document for short contexts, with exact offsets even after emoji", () => {
    const doc = `😀 Headline 😀\n${evidence.text}\nThe end.`;
    const r = assembleContext({ ...input, sourceDocument: { id: 1, text: doc, tokenCount: 0 } }, pool(), wordTokenizer, { ...opts, shortRatio: 1 });
    expect(r.kind).toBe("short");
    expect(renderAssembled(r, () => "", () => doc)).toBe(doc);
    const [span] = r.spans;
    expect(Array.from(doc).slice(span?.charStart, span?.charEnd).join("")).toBe(evidence.text);
    expect(span?.tokenStart).toBe(wordTokenizer.count("😀 Headline 😀\n"));
    expect(r.totalTokens).toBe(wordTokenizer.count(doc));
    expect(r.evidenceDepths[0]).toBeCloseTo(3 / (r.totalTokens - evidence.tokenCount), 10);
  });

  it("marks a repeated paragraph in a short context where the segment really is (its stored offsets, not a text search)", () => {
    const para = "The treaty was signed in Vienna.";
    const doc = `😀 ${para}\nMiddle part.\n${para}\nEnd.`;
    const cps = Array.from(doc);
    const second = cps.length - Array.from(`${para}\nEnd.`).length;
    const ev = { ...seg(1, 1, para), piece: 1, charStart: second, charEnd: second + Array.from(para).length };
    const r = assembleContext({ ...input, evidence: [ev], sourceDocument: { id: 1, text: doc, tokenCount: 0 } }, pool(), wordTokenizer,
      { ...opts, shortRatio: 1 });
    const [span] = r.spans;
    expect(span?.charStart).toBe(second);
    expect(cps.slice(span?.charStart, span?.charEnd).join("")).toBe(para);
    expect(span?.tokenStart).toBe(wordTokenizer.count(`😀 ${para}\nMiddle part.\n`));
    // offsets that do not reproduce the text are not trusted blindly: the nearest real occurrence is marked
    const off = assembleContext({ ...input, evidence: [{ ...ev, charStart: second + 1, charEnd: second + 1 + para.length }],
      sourceDocument: { id: 1, text: doc, tokenCount: 0 } }, pool(), wordTokenizer, { ...opts, shortRatio: 1 });
    expect(off.spans[0]?.charStart).toBe(second);
  });

  it("reports what cannot be assembled with a stable error code", () => {
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return e instanceof AssemblyError ? e.code : "other";
      }
      return "none";
    };
    expect(code(() => assembleContext(input, pool(), wordTokenizer, { ...opts, maxTokens: 20, minTokens: 10 }))).toBe("evidence_too_long");
    expect(code(() => assembleContext(input, pool([], 0), wordTokenizer, opts))).toBe("filler_exhausted");
    expect(code(() => assembleContext(input, pool(), wordTokenizer, { ...opts, minTokens: 500 }))).toBe("invalid_options");
    expect(code(() => assembleContext(input, pool(), wordTokenizer, { ...opts, shortRatio: 2 }))).toBe("invalid_options");
    expect(code(() => assembleContext({ ...input, evidence: [] }, pool(), wordTokenizer, opts))).toBe("invalid_options");
  });
});
