import { wordKey } from "@/lib/quality/normalize";
import { quoteParts } from "@/lib/quality/spans";
import type { SegmentRef } from "./types";

/**
 * A filler must not contain the answer or a support quote: the question would then have two answers in the
 * context (syndicated news makes this common), or the answer would leak outside the evidence.
 *
 * Matching is on word sequences (case, punctuation, quote styles and whitespace ignored, word boundaries
 * respected), so "Smith, 42," matches the answer "smith 42" but "1942" does not match "42". Quotes elided with
 * "..." are matched part by part; parts under three words are skipped because "and" alone would reject everything.
 */
export function leakDetector(answer: string, support: readonly string[]): (text: string) => boolean {
  const test = keyDetector(answer, support);
  return (text) => test(` ${wordKey(text)} `);
}

/** The same test on a segment, whose word key is computed once per segment object (see segmentWordKey). */
export function segmentLeakDetector(answer: string, support: readonly string[]): (seg: SegmentRef) => boolean {
  const test = keyDetector(answer, support);
  return (seg) => test(segmentWordKey(seg));
}

/** A test on a padded word key (" key "): containsWords without building the padded string per needle. */
function keyDetector(answer: string, support: readonly string[]): (paddedHay: string) => boolean {
  const needles = new Set<string>();
  const answerKey = wordKey(answer);
  if (answerKey) needles.add(answerKey);
  for (const quote of support) {
    const parts = quoteParts(quote).map(wordKey).filter((k) => k.length > 0);
    for (const key of parts) if (parts.length === 1 || key.split(" ").length >= 3) needles.add(key);
  }
  // containsWords(hay, needle) is ` ${hay} `.includes(` ${needle} `) for a non-empty needle (all of these are)
  const list = [...needles].map((n) => ` ${n} `);
  if (list.length === 0) return () => false;
  return (padded) => list.some((needle) => padded.includes(needle));
}

// A filler source hands the same segment objects to every pair of a batch: on a small corpus each filler is
// checked against hundreds of pairs, and its (padded) word key, the costly part, is the same every time.
const wordKeys = new WeakMap<SegmentRef, string>();

function segmentWordKey(seg: SegmentRef): string {
  let key = wordKeys.get(seg);
  if (key === undefined) {
    key = ` ${wordKey(seg.text)} `;
    wordKeys.set(seg, key);
  }
  return key;
}
