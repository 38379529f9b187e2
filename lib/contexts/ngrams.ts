/**
 * Word n-grams for decontamination. Words are lower-cased runs of letters and digits, so case, punctuation and
 * whitespace (line breaks, markup remnants) do not hide an overlap. Each n-gram becomes a 53-bit number (two
 * 32-bit rolling lanes): a Set of numbers holds millions of grams where a Set of strings would not.
 */
export const NGRAM = 10;

const WORD = /[\p{L}\p{N}]+/gu;

function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Calls `visit` with the key of every n-gram of the text's words; stops early when visit returns true. */
export function forEachGram(text: string, visit: (key: number) => boolean | void, n = NGRAM): boolean {
  const hashes: number[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) hashes.push(wordHash(m[0]));
  for (let i = 0; i + n <= hashes.length; i++) {
    let a = 0x9747b28c;
    let b = 0x5bd1e995;
    for (let k = i; k < i + n; k++) {
      const w = hashes[k]!;
      a = Math.imul(a ^ w, 0x85ebca6b) >>> 0;
      b = Math.imul(b + w, 0xc2b2ae35) ^ (b >>> 13);
    }
    if (visit(a * 0x200000 + ((b >>> 0) & 0x1fffff))) return true;
  }
  return false;
}

export function addGrams(text: string, into: Set<number>, n = NGRAM): void {
  forEachGram(text, (key) => void into.add(key), n);
}

/** Whether the text shares at least one n-gram with the set. */
export function overlaps(text: string, grams: ReadonlySet<number>, n = NGRAM): boolean {
  return forEachGram(text, (key) => grams.has(key), n);
}
