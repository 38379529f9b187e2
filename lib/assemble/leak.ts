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
  const anchors = anchorWords(answer, support);
  return (seg) => {
    // Cheap exact pre-check: a needle can match only if its longest word occurs in the lower-cased text. Word keys
    // are words of text.replace(invisible, "").toLowerCase(); a text free of the invisible characters (and of
    // the whole U+2000–U+206F block, to stay safe) is that very string, so a missing anchor proves "no leak".
    if (anchors !== null && !MAYBE_INVISIBLE.test(seg.text)) {
      const lower = seg.text.toLowerCase();
      if (!anchors.some((a) => lower.includes(a))) return false;
    }
    return test(segmentWordKey(seg));
  };
}

/** Characters normalize.ts strips inside words (soft hyphen, zero-width, word joiner, BOM) and their neighbours. */
const MAYBE_INVISIBLE = /[\u00AD\u2000-\u206F\uFEFF]/;

/** The longest word of each needle, or null when some needle has none (then every text goes to the full test). */
function anchorWords(answer: string, support: readonly string[]): string[] | null {
  const out: string[] = [];
  for (const key of needleKeys(answer, support)) {
    const longest = key.split(" ").reduce((a, b) => (b.length > a.length ? b : a), "");
    if (!longest) return null;
    out.push(longest);
  }
  return out;
}

/** A test on a padded word key (" key "): containsWords without building the padded string per needle. */
function keyDetector(answer: string, support: readonly string[]): (paddedHay: string) => boolean {
  // containsWords(hay, needle) is ` ${hay} `.includes(` ${needle} `) for a non-empty needle (all of these are)
  const list = needleKeys(answer, support).map((n) => ` ${n} `);
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
