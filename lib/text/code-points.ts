/**
 * Code point offsets: the one home for counting and slicing text by Unicode code points.
 *
 * Offsets stored in the database (document.char_count, segment.char_start/char_end, spans, context recipes) count
 * code points, as Python's len() and Postgres' length() do, so an exported `text[a:b]` in Python is the same span
 * the app shows. JS strings index UTF-16 units, hence these helpers.
 *
 * Lone surrogates (a high surrogate not followed by a low one, or a low one not preceded by a high one; JSON's
 * "\ud800" escape makes them) count as ONE code point each. Python does the same (len("\ud800") == 1), and so does
 * Postgres for what it stores: the pg driver encodes a lone surrogate as U+FFFD, one code point, so the
 * char_count the importer computes equals length(text) in the database. Array.from() agrees too.
 */

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Length in code points; same as Array.from(s).length, without building the array. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    if (isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1))) {
      n--;
      i++;
    }
  }
  return n;
}

/** UTF-16 index (JS string index) of a code point offset, clamped to the end; for highlighting in the browser. */
export function utf16Offset(text: string, codePointOffset: number): number {
  let cp = 0;
  let i = 0;
  while (i < text.length && cp < codePointOffset) {
    // Step over a pair only when it is a real pair: a lone high surrogate is one code point of one unit.
    i += isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
    cp++;
  }
  return i;
}

/** The text of a code point range, e.g. a span's [charStart, charEnd) (Python's text[start:end]). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const from = utf16Offset(text, start);
  return text.slice(from, from + utf16Offset(text.slice(from), end - start));
}

/** `s` with each lone surrogate replaced by U+FFFD, as PostgreSQL will store it (String.prototype.toWellFormed). */
export const wellFormed = (s: string): string => (s as string & { toWellFormed(): string }).toWellFormed();
