import { normalizeText, words } from "./normalize";

/** Function words carry no evidence: "the", "was", "what" match any text. */
const STOPWORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each few for from further had has have having he " +
    "her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not " +
    "now of off on once only or other our ours ourselves out over own same she should so some such than that the " +
    "their theirs them themselves then there these they this those through to too under until up very was we were " +
    "what when where which while who whom why will with would you your yours yourself yourselves s t don didn doesn " +
    "isn wasn weren won wouldn couldn shouldn hasn haven hadn aren according said says say yes many much may might " +
    "must shall upon within without us one ones like get got also however"
  ).split(" "),
);

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  hundred: 100, dozen: 12,
};

const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

/**
 * A deliberately crude suffix stripper: it only has to map "approved", "approves", "approve" to one key on both
 * sides of a comparison, not produce real stems. Porter would be more faithful and ten times the code.
 */
export function stem(word: string): string {
  let w = word;
  if (w.endsWith("ies") && w.length > 4) return w.slice(0, -3) + "y";
  for (const suffix of ["ingly", "edly", "ing", "ed", "es", "s", "ly", "e"]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w;
}

/** Stemmed content words; number words become digits so "seven" and "7" match. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    const n = NUMBER_WORDS[w];
    if (n !== undefined) out.push(String(n));
    else if (!STOPWORDS.has(w)) out.push(/^\d+$/.test(w) ? w : stem(w));
  }
  return out;
}

export function contentWordSet(text: string): Set<string> {
  return new Set(contentWords(text));
}

/**
 * A number as a reader sees it: whole digit runs only (never the "83" of "1.83"), with a scale word or an attached
 * scale suffix ("QR1.83bn", "$4.5m", "20k"); a decade's "s" ("1990s") is not part of the value.
 */
const NUMBER = /(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(thousand|million|billion|trillion)\b|(k|m|mn|mln|bn|b|tn)(?![\p{L}\d]))?/gu;
const SUFFIX_SCALE: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, mln: 1e6, b: 1e9, bn: 1e9, tn: 1e12 };
const UNITS = "one|two|three|four|five|six|seven|eight|nine";
const WORD_NUMBER = new RegExp(
  `\\b(zero|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|dozen|${UNITS}|` +
    `(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:${UNITS}))?)\\b` +
    `(?:\\s+(thousand|million|billion|trillion)\\b)?`,
  "g",
);

function wordNumberValue(phrase: string): number | undefined {
  let total = 0;
  for (const part of phrase.split(/[- ]/)) {
    const v = NUMBER_WORDS[part];
    if (v === undefined) return undefined;
    total += v;
  }
  return total;
}

/** One number mention: the values it may stand for (unscaled and scaled: "3.2 million" is 3.2 and 3200000). */
interface NumberMention {
  text: string;
  values: string[];
}

function mentions(text: string, withWords: boolean): NumberMention[] {
  const norm = normalizeText(text);
  const out: NumberMention[] = [];
  for (const m of norm.matchAll(NUMBER)) {
    const value = Number(`${(m[1] ?? "").replace(/,/g, "")}${m[2] ? `.${m[2]}` : ""}`);
    if (!Number.isFinite(value)) continue;
    const scale = m[3] ? SCALE[m[3]] : m[4] ? SUFFIX_SCALE[m[4]] : undefined;
    out.push({ text: m[0], values: scale ? [String(value), String(Math.round(value * scale))] : [String(value)] });
  }
  if (withWords) {
    for (const m of norm.matchAll(WORD_NUMBER)) {
      const value = wordNumberValue(m[1] ?? "");
      if (value === undefined) continue;
      const scale = m[2] ? SCALE[m[2]] : undefined;
      out.push({ text: m[0], values: scale ? [String(value), String(value * scale)] : [String(value)] });
    }
  }
  return out;
}

/** Every numeric value a text mentions, in digits or words, as canonical strings ("3,200,000" → "3200000"). */
export function numbersIn(text: string): Set<string> {
  return new Set(mentions(text, true).flatMap((m) => m.values));
}

/**
 * Numbers an answer states with digits. Spelled-out small numbers in an answer ("two of them") are too often
 * idiomatic to demand from the evidence, so only digit mentions are checked.
 */
export function digitNumberMentions(text: string): NumberMention[] {
  return mentions(text, false);
}
