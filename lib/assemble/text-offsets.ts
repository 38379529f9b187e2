/** Unicode code points in a string (what Python's len() returns), without allocating an array. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A low surrogate that follows a high one is the second half of the same code point.
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const prev = text.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) continue;
    }
    n++;
  }
  return n;
}

/** UTF-16 index (JS string index) of a code point offset, for highlighting spans in the browser. */
export function utf16Offset(text: string, codePointOffset: number): number {
  let cp = 0;
  let i = 0;
  while (i < text.length && cp < codePointOffset) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    cp++;
  }
  return i;
}

/** The text of a code point range, e.g. a span's [charStart, charEnd). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const from = utf16Offset(text, start);
  return text.slice(from, from + utf16Offset(text.slice(from), end - start));
}
