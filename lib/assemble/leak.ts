import { containsWords, wordKey } from "@/lib/quality/normalize";
import { quoteParts } from "@/lib/quality/spans";

/**
 * A filler must not contain the answer or a support quote: the question would then have two answers in the
 * context (syndicated news makes this common), or the answer would leak outside the evidence.
 *
 * Matching is on word sequences (case, punctuation, quote styles and whitespace ignored, word boundaries
 * respected), so "Smith, 42," matches the answer "smith 42" but "1942" does not match "42". Quotes elided with
 * "..." are matched part by part; parts under three words are skipped because "and" alone would reject everything.
 */
export function leakDetector(answer: string, support: readonly string[]): (text: string) => boolean {
  const needles = new Set<string>();
  const answerKey = wordKey(answer);
  if (answerKey) needles.add(answerKey);
  for (const quote of support) {
    const parts = quoteParts(quote).map(wordKey).filter((k) => k.length > 0);
    for (const key of parts) if (parts.length === 1 || key.split(" ").length >= 3) needles.add(key);
  }
  const list = [...needles];
  if (list.length === 0) return () => false;
  return (text) => {
    const hay = wordKey(text);
    return list.some((needle) => containsWords(hay, needle));
  };
}
