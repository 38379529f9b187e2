import { codePointLength } from "@/lib/text/code-points";
import type { CountingTokenizer, SegmentRef } from "./types";

/**
 * Facts about a segment's text that assembly needs for every pair the segment serves: its length in code points,
 * the tokenizer's additivity test and its word key (leak checks). A filler source hands the same segment objects
 * to every pair of a batch (on a small corpus each filler serves hundreds of pairs), so they are computed once and
 * kept in a slot of the object itself: no hashing of the text, no side table. The slot is keyed by a symbol
 * (JSON.stringify leaves it out) and remembers the text it describes, so a copy with another text
 * (`{ ...seg, text }`) recomputes instead of trusting stale facts.
 */
export const FACTS: unique symbol = Symbol("segment facts");

export interface SegmentFacts {
  text: string;
  /** code point length of text, −1 until computed */
  codePoints: number;
  /** the tokenizer `standard` was computed for */
  standardFor: CountingTokenizer | undefined;
  standard: boolean;
  /** " <word key> " (padded), for leak checks */
  wordKey: string | undefined;
}

export type WithFacts = SegmentRef & { [FACTS]?: SegmentFacts };

function factsOf(seg: WithFacts): SegmentFacts {
  let f = seg[FACTS];
  if (f === undefined || f.text !== seg.text) {
    f = { text: seg.text, codePoints: -1, standardFor: undefined, standard: false, wordKey: undefined };
    seg[FACTS] = f;
  }
  return f;
}

export function codePointsOf(seg: WithFacts): number {
  if (seg.text.length === 0) return 0;
  const f = factsOf(seg);
  if (f.codePoints < 0) f.codePoints = codePointLength(seg.text);
  return f.codePoints;
}

/** holds(seg.text) for the tokenizer, once per segment (empty texts, the stand-ins of unfetched segments, are not kept). */
export function standardOf(seg: WithFacts, tokenizer: CountingTokenizer, holds: (text: string) => boolean): boolean {
  if (seg.text.length === 0) return holds("");
  const f = factsOf(seg);
  if (f.standardFor !== tokenizer) {
    f.standard = holds(seg.text);
    f.standardFor = tokenizer;
  }
  return f.standard;
}

/** The segment's padded word key (" key "), once per segment. */
export function wordKeyOf(seg: WithFacts, wordKey: (text: string) => string): string {
  const f = factsOf(seg);
  return (f.wordKey ??= ` ${wordKey(seg.text)} `);
}
