import { documentItem } from "./format";
import { createRng } from "@/lib/random";
import type { ProbeItem } from "./types";

/** Sentences shorter than this cannot give an 8-word piece that still leaves the answer something to add. */
const MIN_WORDS = 12;
/** Very long "sentences" are usually lists or run-on boilerplate; they would dominate a context. */
const MAX_WORDS = 60;
export const PIECE_WORDS = 8;

/**
 * Splits prose into sentences: after . ! ? (optionally followed by a closing quote or bracket) and
 * whitespace, before an upper-case letter, digit or opening quote. Paragraph breaks always end a sentence.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const para of text.split(/\n+/)) {
    const parts = para.split(/(?<=[.!?]["'”’)\]]?)\s+(?=["“‘(\[]?[A-Z0-9])/);
    for (const p of parts) {
      const s = p.replace(/\s+/g, " ").trim();
      if (s) out.push(s);
    }
  }
  return out;
}

/**
 * Document-style items from a corpus's own text, in the shape of the paper's pieces: each usable sentence
 * with one seeded 8-word piece of it. Repeated sentences are kept once.
 */
export function corpusSentenceItems(texts: readonly string[], seed: string | number): ProbeItem[] {
  const rng = createRng(`sentences:${seed}`);
  const seen = new Set<string>();
  const items: ProbeItem[] = [];
  for (const text of texts) {
    for (const sentence of splitSentences(text)) {
      const words = sentence.split(/\s+/);
      if (words.length < MIN_WORDS || words.length > MAX_WORDS || seen.has(sentence)) continue;
      seen.add(sentence);
      const start = rng.int(0, words.length - PIECE_WORDS);
      items.push(documentItem({ sentence, piece: words.slice(start, start + PIECE_WORDS).join(" ") }));
    }
  }
  return items;
}
