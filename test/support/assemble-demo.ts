import type { Rng } from "@/lib/random";
import type { CountingTokenizer, FillerSource, SegmentRef } from "@/lib/assemble/types";
import { readDemoTexts } from "./demo-corpus";
import { naiveSegments } from "./naive-segments";

/** Assembly test fixtures over the real demo corpus (1,000 C4 realnewslike documents). Not used by app code. */
export interface DemoDocument {
  id: number;
  text: string;
  tokenCount: number;
  segments: SegmentRef[];
}

/**
 * The recipe's segmentation, simply: paragraphs appended to a buffer until it holds ≥ minTokens, joined with "\n";
 * a short tail merges into the last segment. Counts are real tokenizer counts of each segment's text.
 */
export function segmentText(text: string, tokenizer: CountingTokenizer, minTokens = 128): string[] {
  return naiveSegments(text, tokenizer, minTokens);
}

export function loadDemoCorpus(tokenizer: CountingTokenizer): DemoDocument[] {
  let segmentId = 1;
  return readDemoTexts().map((text, i) => {
    const id = i + 1;
    const segments = segmentText(text, tokenizer).map((t) => ({
      id: segmentId++,
      documentId: id,
      tokenCount: tokenizer.count(t),
      text: t,
    }));
    return { id, text, tokenCount: tokenizer.count(text), segments };
  });
}

/** An in-memory filler pool drawing uniformly with replacement; counts what it served for assertions. */
export function memoryFillerSource(segments: SegmentRef[]): FillerSource & { served: number } {
  const source = {
    served: 0,
    draw(rng: Rng, exclude: Set<number>, count: number): SegmentRef[] {
      const out: SegmentRef[] = [];
      for (let tries = 0; out.length < count && tries < count * 20; tries++) {
        const seg = rng.pick(segments);
        if (!exclude.has(seg.documentId)) out.push(seg);
      }
      source.served += out.length;
      return out;
    },
  };
  return source;
}

/** Whitespace-separated words: a real (if crude) tokenizer that is exactly additive across "\n". */
export const wordTokenizer: CountingTokenizer = {
  count: (text) => text.split(/\s+/).filter((w) => w.length > 0).length,
};
