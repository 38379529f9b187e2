/**
 * Does a model's answer match the pair's answer? Pure and explicit, so a verdict can be explained and tested:
 *
 * 1. No answer (the model said it cannot answer, refused, or replied with nothing) → no match (`no_answer`).
 * 2. Normalised texts equal → match (`exact`).
 * 3. Numbers must agree: every number in the pair's answer that the question's own words (outside quoted
 *    statements) do not already contain must appear in the model's answer (`numbers`).
 * 4. Names must agree: every name (a capitalised word or run of words, not sentence-initial) in the pair's answer
 *    that the question's own words do not already contain must have one of its words in the model's answer (`names`).
 * 5. Token F1 over content words ≥ F1_THRESHOLD (`token_f1`). Content words are lower-cased word tokens minus stop
 *    words and minus the question's own words (an answer that repeats the question earns nothing for it) — but
 *    numbers and names are always kept, so an answer the question gives away still counts as that answer.
 *
 * The decisive rule is recorded with every check.
 */
export const F1_THRESHOLD = 0.5;

export type MatchMethod = "no_answer" | "exact" | "numbers" | "names" | "token_f1";

export interface MatchResult { matched: boolean; method: MatchMethod; score: number; reason: string }

const STOP = new Set(("a an the and or but of in on at to for from by with as is are was were be been being it its this that these those "
  + "which who whom whose what when where why how did do does done has have had will would can could should may might than then there "
  + "their they them he she his her him we our you your i me my not no so such into over about after before during also just only").split(" "));

/** Lower-cased words; numbers keep their digits without thousands separators ("1,200" → "1200"). */
export function words(text: string): string[] {
  return (text.normalize("NFKC").toLowerCase().replace(/(\d),(?=\d{3}\b)/g, "$1").match(/[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*/gu) ?? [])
    .map((w) => w.replace(/[’']s$/u, "").replace(/’/g, "'"));
}

export function normalise(text: string): string {
  return words(text).filter((w) => !STOP.has(w)).join(" ");
}

/** Numbers as canonical strings: "1,200" → "1200", "5.0" → "5", "$3.5 million" → "3.5". */
export function numbersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.replace(/(\d),(?=\d{3}\b)/g, "$1").matchAll(/\d+(?:\.\d+)?/g)) {
    const n = Number(m[0]);
    out.push(Number.isFinite(n) ? String(n) : m[0]);
  }
  return out;
}

/** Names: runs of capitalised words that do not start a sentence (or the text), as lists of lower-cased words. */
export function namesIn(text: string): string[][] {
  const out: string[][] = [];
  const re = /[A-Z][\p{L}'’-]*(?:\s+(?:(?:of|de|van|von|al)\s+)?[A-Z][\p{L}'’-]*)*/gu;
  for (const m of text.matchAll(re)) {
    const before = text.slice(0, m.index).trimEnd();
    // sentence-initial: the first word is capitalised for grammar, not as a name ("Yesterday John Smith …")
    const run = !before || /[.!?:;"“(\n]$/.test(before) ? m[0].replace(/^\S+\s*/, "") : m[0];
    const ws = words(run).filter((w) => !STOP.has(w));
    if (ws.length) out.push(ws);
  }
  return out;
}

function isKey(w: string): boolean {
  return /\d/.test(w);
}

/** Words written with a capital anywhere in the text (a short reply starts with its name, so position is no guide). */
function capitalised(text: string): Set<string> {
  return new Set((text.match(/\p{Lu}[\p{L}'’-]*/gu) ?? []).flatMap((w) => words(w)));
}

/** Content tokens of an answer: stop words and the question's own words removed, numbers and names kept. */
function contentTokens(text: string, questionWords: Set<string>, names: Set<string>): string[] {
  return words(text).filter((w) => !STOP.has(w) && (!questionWords.has(w) || isKey(w) || names.has(w)));
}

/**
 * The question's own words: quoted statements removed. A quote is material the question asks about (a cloze
 * sentence holding another blank's answer, say), so its names and numbers may still be what the answer must say.
 */
export function questionFrame(question: string): string {
  return question.replace(/"[^"]*"|“[^”]*”/g, " ");
}

export function tokenF1(expected: string[], got: string[]): number {
  if (!expected.length || !got.length) return 0;
  const counts = new Map<string, number>();
  for (const w of expected) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of got) {
    const n = counts.get(w) ?? 0;
    if (n > 0) { common++; counts.set(w, n - 1); }
  }
  if (!common) return 0;
  const p = common / got.length;
  const r = common / expected.length;
  return (2 * p * r) / (p + r);
}

export function matchAnswer(expected: string, got: string | null, question: string): MatchResult {
  if (got === null || !words(got).length) return { matched: false, method: "no_answer", score: 0, reason: "the model gave no answer" };
  if (normalise(expected) === normalise(got) && normalise(got)) return { matched: true, method: "exact", score: 1, reason: "same answer after normalisation" };
  const frame = questionFrame(question);
  const qWords = new Set(words(frame));
  const qNumbers = new Set(numbersIn(frame));
  const gotWords = new Set(words(got));
  const gotNumbers = new Set(numbersIn(got));
  const missingNumbers = numbersIn(expected).filter((n) => !qNumbers.has(n) && !gotNumbers.has(n));
  const names = new Set([...namesIn(expected).flat(), ...capitalised(got)]);
  const expTokens = contentTokens(expected, qWords, names);
  const gotTokens = contentTokens(got, qWords, names);
  const score = tokenF1(expTokens.length ? expTokens : words(expected), gotTokens.length ? gotTokens : words(got));
  if (missingNumbers.length) {
    return { matched: false, method: "numbers", score, reason: `number ${[...new Set(missingNumbers)].join(", ")} of the answer is missing from the model's answer` };
  }
  const missingNames = namesIn(expected).filter((n) => !n.every((w) => qWords.has(w)) && !n.some((w) => gotWords.has(w)));
  if (missingNames.length) {
    return { matched: false, method: "names", score, reason: `name "${missingNames[0]!.join(" ")}" of the answer is missing from the model's answer` };
  }
  const matched = score >= F1_THRESHOLD;
  return { matched, method: "token_f1", score, reason: `token F1 ${score.toFixed(2)} ${matched ? "≥" : "<"} ${F1_THRESHOLD}` };
}
