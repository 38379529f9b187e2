import { beforeAll, describe, expect, it } from "vitest";
import { createRng } from "@/lib/random";
import { getTokenizer, type Tokenizer } from "@/lib/tokenize";
import { assembleContext } from "./assemble-context";
import { TOLERANCE } from "./filler-picker";
import { renderAssembled } from "./render";
import { ksPValue, ksUniformStatistic } from "./stats";
import { loadDemoCorpus, memoryFillerSource, type DemoDocument } from "@/test/support/assemble-demo";
import { makeDemoPairs } from "@/test/support/demo-pairs";
import type { AssembleInput, AssembleOptions, AssembledContext, SegmentRef } from "./types";

// Statistical properties of the recipe on the real demo corpus with the real Mistral tokenizer, at a fixed seed.
const OPTS: AssembleOptions = { minTokens: 4096, maxTokens: 32768, shortRatio: 0.1, seed: 20240425 };
const N = 600;

let tokenizer: Tokenizer;
let docs: DemoDocument[];
let pairs: AssembleInput[];
let contexts: AssembledContext[];
const segmentText = new Map<number, string>();
let filler: ReturnType<typeof memoryFillerSource>;

const render = (ctx: AssembledContext): string =>
  renderAssembled(ctx, (id) => segmentText.get(id) ?? "", () => docs[ctx.sourceDocumentId - 1]?.text ?? "");
const wordsOf = (t: string): string => ` ${t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;

beforeAll(async () => {
  tokenizer = await getTokenizer("mistral");
  docs = loadDemoCorpus(tokenizer);
  const all: SegmentRef[] = docs.flatMap((d) => d.segments);
  for (const s of all) segmentText.set(s.id, s.text);
  filler = memoryFillerSource(all);
  pairs = makeDemoPairs(docs, createRng("pairs"), N);
  contexts = pairs.map((p) => assembleContext(p, filler, tokenizer, OPTS));
});

const long = () => contexts.filter((c) => c.kind === "long");

describe("assembleContext on the demo corpus (600 pairs, seed fixed)", () => {
  it("keeps about 10% of pairs as short contexts", () => {
    const share = contexts.filter((c) => c.kind === "short").length / N;
    // binomial sd at n=600 is 0.012; 3 sd either side
    expect(share).toBeGreaterThan(0.1 - 0.037);
    expect(share).toBeLessThan(0.1 + 0.037);
  });

  it("puts every long context's real token count inside [min, max], uniformly", () => {
    const totals = long().map((c) => c.totalTokens);
    expect(totals.filter((t) => t < OPTS.minTokens || t > OPTS.maxTokens)).toEqual([]);
    // totalTokens is the count of the rendered string, not an estimate
    const recount = long().slice(0, 60).filter((c) => tokenizer.count(render(c)) !== c.totalTokens);
    expect(recount.map((c) => c.pairId)).toEqual([]);
    const d = ksUniformStatistic(totals, OPTS.minTokens, OPTS.maxTokens);
    expect(ksPValue(d, totals.length)).toBeGreaterThan(0.01);
    // and close to the drawn target: within the filler tolerance
    const far = long().filter((c) => Math.abs(c.totalTokens - c.targetTokens) > TOLERANCE);
    expect(far.map((c) => [c.targetTokens, c.totalTokens])).toEqual([]);
  });

  it("places evidence at uniformly distributed depths, for single pairs and for each multi piece", () => {
    const byType = (type: "single" | "multi") =>
      long().filter((c) => pairs[c.pairId - 1]?.type === type).flatMap((c) => c.evidenceDepths);
    for (const type of ["single", "multi"] as const) {
      const depths = byType(type);
      expect(depths.length).toBeGreaterThan(150);
      expect(ksPValue(ksUniformStatistic(depths, 0, 1), depths.length)).toBeGreaterThan(0.01);
    }
  });

  it("never draws a filler from the pair's own documents", () => {
    const bad: string[] = [];
    for (const c of long()) {
      const pair = pairs[c.pairId - 1] as AssembleInput;
      const own = new Set([pair.sourceDocument.id, ...pair.evidence.map((e) => e.documentId)]);
      for (const s of c.spans) if (s.role === "filler" && own.has(s.documentId)) bad.push(`pair ${c.pairId}: ${s.segmentId}`);
      const evidenceIds = c.spans.filter((s) => s.role === "evidence").map((s) => s.segmentId);
      if (evidenceIds.sort().join() !== pair.evidence.filter((e) => e.needed !== false).map((e) => e.id).sort().join()) bad.push(`pair ${c.pairId}: evidence`);
      if (new Set(c.spans.map((s) => s.segmentId)).size !== c.spans.length) bad.push(`pair ${c.pairId}: repeated segment`);
    }
    expect(bad).toEqual([]);
  });

  it("never uses a filler that contains the answer or a support quote", () => {
    const leaks: string[] = [];
    for (const c of long()) {
      const pair = pairs[c.pairId - 1] as AssembleInput;
      const needles = [pair.answer, ...pair.support].map(wordsOf);
      for (const s of c.spans) {
        const hay = wordsOf(segmentText.get(s.segmentId) ?? "");
        if (s.role === "filler" && needles.some((n) => hay.includes(n))) leaks.push(`pair ${c.pairId}: ${s.segmentId}`);
      }
    }
    expect(leaks).toEqual([]);
    // the test only means something if leaking fillers were actually drawn and turned away
    expect(long().reduce((sum, c) => sum + c.leakyFillersRejected, 0)).toBeGreaterThan(100);
  });

  it("records spans that reproduce each segment exactly (code point offsets) and tile the context", () => {
    const bad: string[] = [];
    for (const c of contexts) {
      const cps = Array.from(render(c));
      c.spans.forEach((s, i) => {
        if (cps.slice(s.charStart, s.charEnd).join("") !== segmentText.get(s.segmentId)) bad.push(`${c.pairId}/${i} text`);
        const expectedStart = i === 0 ? 0 : (c.spans[i - 1]?.charEnd ?? 0) + 1;
        if (c.kind === "long" && s.charStart !== expectedStart) bad.push(`${c.pairId}/${i} gap`);
      });
      if (c.kind === "long" && c.spans.at(-1)?.charEnd !== cps.length) bad.push(`${c.pairId} end`);
    }
    // (the demo corpus has no characters outside the BMP; assemble-unit.test.ts covers those)
    expect(bad).toEqual([]);
  });

  it("gives exact token offsets: tokenStart equals count(prefix) for the additive Mistral tokenizer", () => {
    for (const c of long().slice(0, 40)) {
      const text = render(c);
      const cps = Array.from(text);
      const check = [...c.spans.filter((s) => s.role === "evidence"), c.spans[0], c.spans.at(-1)];
      for (const s of check) {
        if (!s) continue;
        expect(s.tokenStart).toBe(tokenizer.count(cps.slice(0, s.charStart).join("")));
        expect(s.tokenEnd).toBe(tokenizer.count(cps.slice(0, s.charEnd).join("")));
      }
      expect(c.spans.at(-1)?.tokenEnd).toBe(c.totalTokens);
      expect(c.tokenOffsets).toBe("exact");
    }
  });

  it("keeps source pieces in the context apart from the evidence: depths count evidence only and stay uniform", () => {
    const multi = long().filter((c) => pairs[c.pairId - 1]?.type === "multi");
    let withSources = 0;
    for (const c of multi) {
      const pair = pairs[c.pairId - 1] as AssembleInput;
      const needed = pair.evidence.filter((e) => e.needed !== false).map((e) => e.id).sort();
      const sources = pair.evidence.filter((e) => e.needed === false).map((e) => e.id).sort();
      expect(c.spans.filter((s) => s.role === "evidence").map((s) => s.segmentId).sort()).toEqual(needed);
      // every segment the generator saw is in the context: the sources as "source", never as filler or evidence
      expect(c.spans.filter((s) => s.role === "source").map((s) => s.segmentId).sort()).toEqual(sources);
      expect(c.evidenceDepths).toHaveLength(needed.length);
      if (sources.length) withSources++;
    }
    expect(withSources).toBeGreaterThan(50);
    const depths = multi.flatMap((c) => c.evidenceDepths);
    expect(ksPValue(ksUniformStatistic(depths, 0, 1), depths.length)).toBeGreaterThan(0.01);
    // and the sources, placed like fillers, are spread over the whole context too
    const sourceDepths = multi.flatMap((c) => c.spans.filter((s) => s.role === "source").map((s) => s.tokenStart / c.totalTokens));
    expect(ksPValue(ksUniformStatistic(sourceDepths, 0, 1), sourceDepths.length)).toBeGreaterThan(0.01);
  });

  it("tokenizes each long context about once, not once per segment", () => {
    let calls = 0;
    const counting = { count: (t: string) => (calls++, tokenizer.count(t)), newlineAdditivity: tokenizer.newlineAdditivity };
    const subset = pairs.slice(0, 100);
    for (const p of subset) assembleContext(p, filler, counting, { ...OPTS, shortRatio: 0 });
    // 3 probe counts for the join cost, then one count of the final string (repairs are rare with exact counts)
    expect(calls).toBeLessThanOrEqual(3 + subset.length * 1.1);
  });

  it("separates and reorders multi pieces", () => {
    const multi = long().filter((c) => pairs[c.pairId - 1]?.type === "multi");
    let inOrder = 0;
    let farApart = 0;
    for (const c of multi) {
      const pieces = c.spans.filter((s) => s.role === "evidence").map((s) => s.piece ?? 0);
      if (pieces.every((p, i) => i === 0 || p > (pieces[i - 1] ?? 0))) inOrder++;
      const depths = c.evidenceDepths;
      if (Math.max(...depths) - Math.min(...depths) > 0.5) farApart++;
    }
    // with k ≥ 2 independent slots, original order survives at most half the time (1/k!)
    expect(inOrder / multi.length).toBeLessThan(0.6);
    // two independent uniform depths are more than 0.5 apart with probability 1/4
    expect(farApart / multi.length).toBeGreaterThan(0.15);
  });

  it("keeps the original document for short contexts and marks its evidence inside it", () => {
    for (const c of contexts.filter((x) => x.kind === "short")) {
      const pair = pairs[c.pairId - 1] as AssembleInput;
      expect(render(c)).toBe(pair.sourceDocument.text);
      expect(c.totalTokens).toBe(tokenizer.count(pair.sourceDocument.text));
      expect(c.spans).toHaveLength(pair.evidence.length);
      for (const d of c.evidenceDepths) expect(d >= 0 && d <= 1).toBe(true);
    }
  });

  it("is deterministic per (seed, pair) and independent of processing order", () => {
    const subset = pairs.slice(0, 80);
    const again = [...subset].reverse().map((p) => assembleContext(p, filler, tokenizer, OPTS)).reverse();
    expect(again).toEqual(contexts.slice(0, 80));
  });

  it("gives different contexts for a different seed", () => {
    const other = pairs.slice(0, 80).map((p) => assembleContext(p, filler, tokenizer, { ...OPTS, seed: 7 }));
    const same = other.filter((c, i) => JSON.stringify(c.spans) === JSON.stringify(contexts[i]?.spans)).length;
    // only two short contexts of the same pair could coincide
    expect(same).toBeLessThan(8);
  });
});
