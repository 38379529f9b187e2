import type { Tokenizer } from "@/lib/tokenize";
import { codePointLength } from "@/lib/text/code-points";
import { sentenceSpans } from "./sentences";

export { codePointLength } from "@/lib/text/code-points";

export interface SegmentPiece {
  index: number;
  text: string;
  tokenCount: number;
  /** Offsets into the document in Unicode code points (as Python and Postgres count), end exclusive. */
  charStart: number;
  charEnd: number;
  /**
   * What stood between the previous segment and this one in the document: "" for the first, "\n" between
   * paragraphs, the whitespace between two sentences when an over-long paragraph was cut. The document is
   * exactly `pieces.map(p => p.sepBefore + p.text).join("")`.
   */
  sepBefore: string;
}

/** The IN2 paper's floor: a segment holds at least this many tokens. */
export const DEFAULT_MIN_TOKENS = 128;
/** Paragraphs above this many tokens are cut at sentence boundaries on import (issue 11.9: 2 × the floor). */
export const DEFAULT_MAX_PARAGRAPH_TOKENS = 2 * DEFAULT_MIN_TOKENS;

/** A paragraph, or a sentence run of a cut paragraph, with the separator before it. */
interface Unit { text: string; sep: string; tokens: number | undefined; cut: boolean }

/**
 * IN2 segmentation (An et al., 2024): paragraphs (`text.split("\n")`, empty ones kept so that the text can be
 * rebuilt) are appended to a buffer until the buffer's text has at least `minTokens` tokens; the buffer is then
 * emitted as one segment. A tail under `minTokens` is merged into the previous segment; a document under
 * `minTokens` is a single segment. An empty text yields no segment (import rejects empty documents).
 *
 * Corpora without paragraph breaks (a news article stored as one line): a paragraph of more than
 * `maxParagraphTokens` tokens is first cut at sentence boundaries (lib/segment/sentences.ts), and its sentences
 * join the buffer one by one under the same rule. With the default `Infinity` nothing is cut — the paper's rule;
 * the importer passes the corpus's bound. Segments are exact spans of the document either way.
 *
 * Counting: when the tokenizer proves newline additivity for every paragraph (Mistral does, see
 * Tokenizer.newlineAdditivity) a buffer of whole paragraphs is counted by a running sum, which equals
 * count(buffer text) exactly; a buffer holding sentences of a cut paragraph, or any buffer of a tokenizer without
 * that proof, is recounted after every append, which is what the definition says.
 */
export function segmentDocument(
  text: string,
  tokenizer: Tokenizer,
  minTokens = DEFAULT_MIN_TOKENS,
  maxParagraphTokens = Infinity,
): SegmentPiece[] {
  if (text === "") return [];
  const paragraphs = text.split("\n");
  const additivity = tokenizer.newlineAdditivity;
  const summable = additivity !== undefined && paragraphs.every((p) => additivity.holds(p));
  const units = toUnits(paragraphs, tokenizer, maxParagraphTokens, summable);
  const separatorTokens = additivity?.separatorTokens ?? 0;

  // A buffer of whole paragraphs is counted by running sums (exact under additivity); one holding a sentence of
  // a cut paragraph is recounted, since sentence separators are not "\n" and prove nothing.
  const pieces: (SegmentPiece & { summed: boolean })[] = [];
  let buffer = "";
  let summed = false;
  let first = 0; // index of the buffer's first unit
  let tokens = 0;
  let charStart = 0;
  let cursor = 0; // code point offset where the current unit ends

  units.forEach((unit, i) => {
    const opensBuffer = i === first;
    const start = cursor + codePointLength(unit.sep);
    cursor = start + codePointLength(unit.text);
    if (opensBuffer) charStart = start;
    buffer = opensBuffer ? unit.text : `${buffer}${unit.sep}${unit.text}`;
    summed = summable && !unit.cut && (opensBuffer || summed);
    if (summed) tokens = (opensBuffer ? 0 : tokens + separatorTokens) + (unit.tokens ?? tokenizer.count(unit.text));
    else tokens = tokenizer.count(buffer);
    if (tokens < minTokens) return;
    const sepBefore = units[first]?.sep ?? "";
    pieces.push({ index: pieces.length, text: buffer, tokenCount: tokens, charStart, charEnd: cursor, sepBefore, summed });
    first = i + 1;
  });

  if (first < units.length) {
    const last = pieces.pop();
    if (last === undefined) {
      pieces.push({ index: 0, text: buffer, tokenCount: tokens, charStart: 0, charEnd: cursor, sepBefore: "", summed });
    } else {
      const merged = `${last.text}${units[first]?.sep ?? ""}${buffer}`;
      const tokenCount = last.summed && summed ? last.tokenCount + separatorTokens + tokens : tokenizer.count(merged);
      pieces.push({ ...last, text: merged, tokenCount, charEnd: cursor });
    }
  }
  return pieces.map(({ summed: _summed, ...piece }) => piece);
}

/**
 * Paragraphs as units, over-long ones cut into sentences. A paragraph's leading whitespace stays with its first
 * sentence and its trailing whitespace with its last, so only the whitespace between sentences becomes a separator.
 */
function toUnits(paragraphs: string[], tokenizer: Tokenizer, maxTokens: number, countAll: boolean): Unit[] {
  const units: Unit[] = [];
  paragraphs.forEach((paragraph, i) => {
    const sep = i === 0 ? "" : "\n";
    // A token covers at least one UTF-8 byte, so a paragraph of at most maxTokens bytes needs no count here.
    const mayBeLong = Number.isFinite(maxTokens) && Buffer.byteLength(paragraph) > maxTokens;
    const tokens = countAll || mayBeLong ? tokenizer.count(paragraph) : undefined;
    const spans = mayBeLong && (tokens ?? 0) > maxTokens ? sentenceSpans(paragraph) : [];
    if (spans.length < 2) {
      units.push({ text: paragraph, sep, tokens, cut: false });
      return;
    }
    spans.forEach((s, k) => {
      const from = k === 0 ? 0 : s.start;
      const to = k === spans.length - 1 ? paragraph.length : s.end;
      units.push({ text: paragraph.slice(from, to), sep: k === 0 ? sep : paragraph.slice(spans[k - 1]?.end ?? from, from), tokens: undefined, cut: true });
    });
  });
  return units;
}
