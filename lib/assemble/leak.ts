import { wordKey } from "@/lib/quality/normalize";
import { quoteParts } from "@/lib/quality/spans";
import { wordKeyOf } from "./segment-facts";
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
  const test = keyDetector(needleKeys(answer, support));
  return (text) => test(` ${wordKey(text)} `);
}

/**
 * The same test on a segment. Exact, and cheap on the many fillers that do not leak: a needle matches only if each
 * of its words occurs in the text, so a text missing one word of every needle is answered without its word key.
 * Word keys are words of text.replace(invisible, "").toLowerCase(); a text free of the invisible characters (and of
 * the other format characters, to stay safe) is that very string, so a missing word proves "no leak". Only a text
 * holding every word of some needle gets its word key built (computed once per segment object, see segmentWordKey).
 */
export function segmentLeakDetector(answer: string, support: readonly string[]): (seg: SegmentRef) => boolean {
  const needles = needleKeys(answer, support);
  const test = keyDetector(needles);
  // each needle's distinct words, longest (rarest, most often absent) first
  const wordsOf = needles.map((key) => [...new Set(key.split(" "))].sort((a, b) => b.length - a.length));
  return (seg) => {
    if (needles.length === 0 || seg.text.length === 0) return false;
    const lower = lowerText(seg);
    if (lower !== null && !wordsOf.some((ws) => ws.every((w) => lower.includes(w)))) return false;
    return test(segmentWordKey(seg));
  };
}

/**
 * The characters normalize.ts strips inside words (soft hyphen, zero-width space and joiners, word joiner, BOM) and
 * the other format characters around them (marks, embeddings, invisible operators): a superset, checked against
 * wordKey itself by leak.test.ts. Not the typographic punctuation of U+2010–U+205E (curly quotes, dashes): news text
 * is full of it, and it separates words in both forms alike.
 */
const MAYBE_INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/;

/** The text lower-cased, or null when it may hold invisible characters (then only the word key decides). */
function lowerText(seg: SegmentRef): string | null {
  return MAYBE_INVISIBLE.test(seg.text) ? null : seg.text.toLowerCase();
}

/** A test on a padded word key (" key "): containsWords without building the padded string per needle. */
function keyDetector(needles: string[]): (paddedHay: string) => boolean {
  // containsWords(hay, needle) is ` ${hay} `.includes(` ${needle} `) for a non-empty needle (all of these are)
  const list = needles.map((n) => ` ${n} `);
  if (list.length === 0) return () => false;
  return (padded) => list.some((needle) => padded.includes(needle));
}

/** Word keys of the answer and of the support quotes' parts (short parts of elided quotes left out). */
function needleKeys(answer: string, support: readonly string[]): string[] {
  const needles = new Set<string>();
  const answerKey = wordKey(answer);
  if (answerKey) needles.add(answerKey);
  for (const quote of support) {
    const parts = quoteParts(quote).map(wordKey).filter((k) => k.length > 0);
    for (const key of parts) if (parts.length === 1 || key.split(" ").length >= 3) needles.add(key);
  }
  return [...needles];
}

/** The segment's padded word key, computed once per segment object (segment-facts.ts). */
function segmentWordKey(seg: SegmentRef): string {
  return wordKeyOf(seg, wordKey);
}
