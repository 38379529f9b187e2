/**
 * Length in Unicode code points, as Python's len() and Postgres' length() count (JS .length counts UTF-16
 * units). Same as Array.from(s).length, without building the array; a lone surrogate counts as one.
 */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}
