import { contentWordSet } from "./lexical";
import { normalizeForMatch, normalizeText, sourceRange, type NormalizedText } from "./normalize";

export interface SupportSpan {
  /** index of the quote in the input list */
  quote: number;
  /** UTF-16 offsets into the evidence text (JS string indices), end exclusive */
  start: number;
  end: number;
}

/**
 * The parts of a quote that must appear, in order. LLMs wrap quotes in quotation marks, drop or add the final
 * period, and elide with "..." — so surrounding quotes/punctuation are stripped and an ellipsis splits the quote.
 */
export function quoteParts(quote: string): string[] {
  return normalizeText(quote)
    .split("...")
    .map((part) => part.replace(/^[\s"'.,;:!?()[\]-]+|[\s"'.,;:!?()[\]-]+$/g, ""))
    .filter((part) => part.length > 0);
}

/** Normalised [from, to) of the quote in `hay`, or null. Parts must appear in order (an elided quote). */
function locateParts(hay: NormalizedText, parts: string[]): { from: number; to: number } | null {
  if (parts.length === 0) return null;
  let from = -1;
  let to = 0;
  for (const part of parts) {
    const at = hay.text.indexOf(part, to);
    if (at < 0) return null;
    if (from < 0) from = at;
    to = at + part.length;
  }
  return { from, to };
}

/** Whether a quote occurs in the text, tolerant to whitespace, case, quote and dash styles. */
export function quoteFound(text: string | NormalizedText, quote: string): boolean {
  const hay = typeof text === "string" ? normalizeForMatch(text) : text;
  return locateParts(hay, quoteParts(quote)) !== null;
}

/**
 * Where each quote sits in the evidence (first occurrence). Quotes that are not found are left out, so the
 * review UI highlights what it can and the quality check reports the rest.
 */
export function findSupportSpans(evidenceText: string, quotes: string[]): SupportSpan[] {
  const hay = normalizeForMatch(evidenceText);
  const spans: SupportSpan[] = [];
  quotes.forEach((quote, index) => {
    const hit = locateParts(hay, quoteParts(quote));
    if (hit) spans.push({ quote: index, ...sourceRange(hay, hit.from, hit.to) });
  });
  return spans;
}

export interface AnswerSpan {
  start: number;
  end: number;
  /** true when the answer itself occurs verbatim; false when this is the passage that best supports it */
  exact: boolean;
}

/** Minimum share of the answer's content words a sentence must hold to be shown as the answer's position. */
export const ANSWER_SENTENCE_MIN_OVERLAP = 0.5;

/**
 * Where the answer is in the evidence, for highlighting. Answers are written in the LLM's own words, so a verbatim
 * hit is rare: then the support quote (or failing that, the sentence) sharing most content words with the answer.
 */
export function findAnswerSpan(evidenceText: string, answer: string, support: string[] = []): AnswerSpan | null {
  const hay = normalizeForMatch(evidenceText);
  const exact = locateParts(hay, quoteParts(answer));
  if (exact) return { ...sourceRange(hay, exact.from, exact.to), exact: true };

  const answerWords = contentWordSet(answer);
  if (answerWords.size === 0) return null;
  const overlap = (text: string): number => {
    let hits = 0;
    for (const w of contentWordSet(text)) if (answerWords.has(w)) hits++;
    return hits / answerWords.size;
  };

  let best: { start: number; end: number; score: number } | null = null;
  for (const span of findSupportSpans(evidenceText, support)) {
    const score = overlap(evidenceText.slice(span.start, span.end));
    if (score > 0 && (!best || score > best.score)) best = { start: span.start, end: span.end, score };
  }
  if (!best) {
    for (const sentence of sentences(evidenceText)) {
      const score = overlap(evidenceText.slice(sentence.start, sentence.end));
      if (score >= ANSWER_SENTENCE_MIN_OVERLAP && (!best || score > best.score)) best = { ...sentence, score };
    }
  }
  return best ? { start: best.start, end: best.end, exact: false } : null;
}

/** Sentence ranges: split after . ! ? followed by whitespace, and at line breaks. */
export function sentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const boundary = /[.!?]["')\]]*\s+|\n+/g;
  let start = 0;
  for (const m of text.matchAll(boundary)) {
    const end = (m.index ?? 0) + m[0].trimEnd().length;
    if (end > start) out.push({ start, end });
    start = (m.index ?? 0) + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out.filter((s) => text.slice(s.start, s.end).trim().length > 0);
}
