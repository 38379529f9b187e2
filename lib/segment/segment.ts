import type { Tokenizer } from "@/lib/tokenize";
import { codePointLength } from "./code-points";

export { codePointLength } from "./code-points";

export interface SegmentPiece {
  index: number;
  text: string;
  tokenCount: number;
  /** Offsets into the document in Unicode code points (as Python and Postgres count), end exclusive. */
  charStart: number;
  charEnd: number;
}

/** The IN2 paper's floor: a segment holds at least this many tokens. */
export const DEFAULT_MIN_TOKENS = 128;

/**
 * IN2 segmentation (An et al., 2024): paragraphs (`text.split("\n")`, empty ones kept so that joining gives the
 * text back) are appended to a buffer until the buffer's text has at least `minTokens` tokens; the buffer is then
 * emitted as one segment. A tail under `minTokens` is merged into the previous segment; a document under
 * `minTokens` is a single segment. Segments never cut a paragraph and `pieces.map(p => p.text).join("\n")`
 * is the text. An empty text yields no segment (import rejects empty documents before they get here).
 *
 * Counting: when the tokenizer proves newline additivity for every paragraph (Mistral does, see
 * Tokenizer.newlineAdditivity) the buffer's count is a running sum, which equals count(buffer text) exactly;
 * otherwise the buffer text is recounted after every append, which is what the definition says.
 */
export function segmentDocument(text: string, tokenizer: Tokenizer, minTokens = DEFAULT_MIN_TOKENS): SegmentPiece[] {
  if (text === "") return [];
  const paragraphs = text.split("\n");
  const additivity = tokenizer.newlineAdditivity;
  const additive = additivity !== undefined && paragraphs.every((p) => additivity.holds(p));
  const separatorTokens = additivity?.separatorTokens ?? 0;

  const pieces: SegmentPiece[] = [];
  let buffer = ""; // only maintained when recounting
  let first = 0; // index of the buffer's first paragraph
  let tokens = 0;
  let charStart = 0;
  let charEnd = 0; // code point offset where the buffer (= the current paragraph) ends
  const textOf = (from: number, to: number): string => paragraphs.slice(from, to).join("\n");

  paragraphs.forEach((paragraph, i) => {
    const opensBuffer = i === first;
    charEnd += (i === 0 ? 0 : 1) + codePointLength(paragraph); // every paragraph but the first follows a "\n"
    if (additive) tokens = (opensBuffer ? 0 : tokens + separatorTokens) + tokenizer.count(paragraph);
    else {
      buffer = opensBuffer ? paragraph : `${buffer}\n${paragraph}`;
      tokens = tokenizer.count(buffer);
    }
    if (tokens < minTokens) return;
    pieces.push({ index: pieces.length, text: additive ? textOf(first, i + 1) : buffer, tokenCount: tokens, charStart, charEnd });
    first = i + 1;
    charStart = charEnd + 1; // skip the "\n" between this segment and the next
  });

  if (first < paragraphs.length) {
    const tail = additive ? textOf(first, paragraphs.length) : buffer;
    const last = pieces.pop();
    if (last === undefined) {
      pieces.push({ index: 0, text: tail, tokenCount: tokens, charStart: 0, charEnd });
    } else {
      const merged = `${last.text}\n${tail}`;
      const tokenCount = additive ? last.tokenCount + separatorTokens + tokens : tokenizer.count(merged);
      pieces.push({ ...last, text: merged, tokenCount, charEnd });
    }
  }
  return pieces;
}
