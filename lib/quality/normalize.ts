/**
 * Text normalisation for matching LLM quotes against corpus text. LLMs re-type what they quote: curly quotes
 * become straight, em dashes become hyphens, line breaks become spaces, "…" becomes "...". We fold all of those
 * (and case) away, and keep a map back to the original so matches can be highlighted at their real offsets.
 */

/** Typographic variants folded to the ASCII character an LLM types instead. */
const FOLD = new Map<number, string>();
for (const c of "\u2018\u2019\u201A\u201B\u2032\u0060\u00B4") FOLD.set(c.charCodeAt(0), "'");
for (const c of "\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB") FOLD.set(c.charCodeAt(0), '"');
for (const c of "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D") FOLD.set(c.charCodeAt(0), "-");
FOLD.set(0x2026, "...");
// Soft hyphen and zero-width characters are invisible; quotes never contain them.
const INVISIBLE = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
const INVISIBLE_RE = /[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/g;
const SPACE = /\s/;

export interface NormalizedText {
  /** the folded text */
  text: string;
  /** map[i] = UTF-16 index in the original of the character that produced text[i] */
  map: number[];
  /** length of the original, so a match ending at text.length maps to it */
  sourceLength: number;
}

export function normalizeForMatch(source: string): NormalizedText {
  // Lower-casing the whole string is much faster than per character; it keeps indices aligned unless a
  // character expands (Turkish İ), and then we lower-case per character instead.
  const whole = source.toLowerCase();
  const aligned = whole.length === source.length;
  // Runs of characters that come out unchanged (ASCII but whitespace and the backtick, lower-cased) are copied as one slice, not one
  // character at a time: this runs on every evidence piece served to the review queue (findSupportSpans).
  let text = "";
  let runStart = -1;
  const map: number[] = [];
  let pendingSpace = -1;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    const space = code === 32 || (code >= 9 && code <= 13);
    if (aligned && code < 128 && !space && code !== 96) {
      // A whitespace run collapses to one space, and leading whitespace disappears.
      if (pendingSpace >= 0 && map.length > 0) {
        if (runStart >= 0) text += whole.slice(runStart, i);
        text += " ";
        map.push(pendingSpace);
        runStart = -1;
      }
      pendingSpace = -1;
      if (runStart < 0) runStart = i;
      map.push(i);
      continue;
    }
    if (runStart >= 0) {
      text += whole.slice(runStart, i);
      runStart = -1;
    }
    if (INVISIBLE.has(code)) continue;
    if (space || (code > 127 && SPACE.test(source[i] as string))) {
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0 && map.length > 0) {
      text += " ";
      map.push(pendingSpace);
    }
    pendingSpace = -1;
    const out = FOLD.get(code) ?? (aligned ? (whole[i] as string) : (source[i] as string).toLowerCase());
    text += out;
    for (let k = 0; k < out.length; k++) map.push(i);
  }
  if (runStart >= 0) text += whole.slice(runStart);
  return { text, map, sourceLength: source.length };
}

/** Normalised form only, for comparisons that need no offsets. */
export function normalizeText(source: string): string {
  return normalizeForMatch(source).text;
}

/** Original UTF-16 range [start, end) of the normalised range [from, to). */
export function sourceRange(n: NormalizedText, from: number, to: number): { start: number; end: number } {
  const start = n.map[from] ?? n.sourceLength;
  const last = n.map[to - 1];
  if (last === undefined || to <= from) return { start, end: start };
  // Code units are folded one by one, so a surrogate pair's halves map to their own indices and last + 1
  // is always the end of the original character.
  return { start, end: last + 1 };
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Lower-case runs of letters and digits: the unit of every lexical heuristic here. Punctuation, quotes and
 * whitespace are separators anyway, so this skips the full normalisation (it runs on every filler and question).
 */
export function words(text: string): string[] {
  return text.replace(INVISIBLE_RE, "").toLowerCase().match(WORD) ?? [];
}

/** Words joined by one space: punctuation-blind text for "does A contain B" checks on word boundaries. */
export function wordKey(text: string): string {
  return words(text).join(" ");
}

/** Word-boundary containment on wordKey()s; an empty needle never matches. */
export function containsWords(haystackKey: string, needleKey: string): boolean {
  if (needleKey.length === 0) return false;
  return ` ${haystackKey} `.includes(` ${needleKey} `);
}
