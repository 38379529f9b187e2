import { words } from "./match";

/**
 * The offline verifier: NOT a language model. An extractive reader that answers a question from the texts it is
 * given (and from the question itself), so the checks work with no network and mean something on offline pairs:
 *
 * - A quoted statement with a blank ("… ____ …") in the question is looked up in the texts: the words that fill
 *   the blank where the statement's left and right context occur are the answer. A question with two such
 *   statements gets both fills ("A; B"), or only those it finds. The question's own text outside the quotes is
 *   read too, so a question that states its answer gives it away (closed-book finds it).
 * - Otherwise the sentence of the texts that shares the most content words with the question (at least half of
 *   them) is the answer span.
 * - No text, or nothing found → no answer.
 */
export const OFFLINE_VERIFIER_LABEL = "offline (not an LLM): an extractive reader that answers only from the text it is given";
export const OFFLINE_VERIFIER_MODEL = "offline-reader-v1";

const BLANK = /_{2,}/;
const QUOTED = /"([^"]*_{2,}[^"]*)"|“([^”]*_{2,}[^”]*)”/g;
const MAX_FILL = 120;

export function readAnswer(question: string, texts: string[]): string | null {
  const clozes = [...question.matchAll(QUOTED)].map((m) => squash(m[1] ?? m[2] ?? ""));
  if (clozes.length) {
    const outside = squash(question.replace(QUOTED, " "));
    const hay = [...texts.map(squash), outside];
    const fills = clozes.map((c) => fillBlank(c, hay)).filter((f): f is string => f !== null);
    return fills.length ? fills.join("; ") : null;
  }
  return bestSentence(question, texts);
}

function squash(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** The words filling the blank of `cloze` in one of `hay`, trying the whole context first, then its nearest words. */
export function fillBlank(cloze: string, hay: string[]): string | null {
  const [left = "", right = ""] = cloze.split(BLANK, 2).map((s) => s);
  const tries: [string, string][] = [[left, right], [lastWords(left, 6), firstWords(right, 6)]];
  for (const [l, r] of tries) {
    if (!l.trim() && !r.trim()) continue;
    for (const text of hay) {
      const fill = locate(text, l, r);
      if (fill) return fill;
    }
  }
  return null;
}

function locate(text: string, left: string, right: string): string | null {
  const l = left.trimStart();
  const r = right.trimEnd();
  if (l.trim()) {
    for (let at = text.indexOf(l); at >= 0; at = text.indexOf(l, at + 1)) {
      const start = at + l.length;
      const end = r.trim() ? text.indexOf(r, start) : sentenceEnd(text, start);
      if (end > start && end - start <= MAX_FILL) {
        const fill = clean(text.slice(start, end));
        if (fill) return fill;
      }
    }
    return null;
  }
  for (let at = text.indexOf(r); at > 0; at = text.indexOf(r, at + 1)) {
    const start = sentenceStart(text, at);
    if (start >= 0) {
      const fill = clean(text.slice(start, at));
      if (fill) return fill;
    }
  }
  return null;
}

function clean(s: string): string {
  return s.trim().replace(/^[\s,;:]+|[\s,;:]+$/g, "");
}

function sentenceEnd(text: string, from: number): number {
  const m = /[.!?](?=\s|$)|\n/.exec(text.slice(from));
  return m ? from + m.index : text.length;
}

/** Where the sentence holding `before` starts (scanning back at most MAX_FILL characters), or -1. */
function sentenceStart(text: string, before: number): number {
  for (let i = before - 1; i >= 0 && before - i <= MAX_FILL + 1; i--) {
    const c = text[i];
    if (c === "\n") return i + 1;
    if ((c === "." || c === "!" || c === "?") && /\s/.test(text[i + 1] ?? "")) return i + 1;
    if (i === 0) return 0;
  }
  return -1;
}

function lastWords(s: string, n: number): string {
  const parts = s.split(" ");
  return parts.length <= n ? s : parts.slice(-n).join(" ");
}

function firstWords(s: string, n: number): string {
  const parts = s.split(" ");
  return parts.length <= n ? s : parts.slice(0, n).join(" ");
}

const QUESTION_WORDS = new Set("what which who whom whose when where why how did does do is are was were the a an of in on at to for and or by with from that this".split(" "));

function bestSentence(question: string, texts: string[]): string | null {
  const q = new Set(words(question).filter((w) => !QUESTION_WORDS.has(w)));
  if (!q.size) return null;
  let best: { s: string; score: number } | null = null;
  for (const text of texts) {
    for (const s of text.split(/(?<=[.!?]["”’)]?)\s+|\n/)) {
      const ws = new Set(words(s));
      let hits = 0;
      for (const w of q) if (ws.has(w)) hits++;
      const score = hits / q.size;
      if (score >= 0.5 && (!best || score > best.score)) best = { s: s.trim(), score };
    }
  }
  return best?.s ?? null;
}
