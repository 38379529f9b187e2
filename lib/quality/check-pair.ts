import { QUALITY_LIMITS as L, scoreFlags, type QualityFlag } from "./catalog";
import { contentWordSet, contentWords, digitNumberMentions, numbersIn } from "./lexical";
import { findMetaPhrase } from "./meta-phrases";
import { answerNames } from "./names";
import { containsWords, normalizeForMatch, wordKey } from "./normalize";
import { quoteFound, quoteParts } from "./spans";

export interface PairForQuality {
  type: "single" | "multi";
  question: string;
  answer: string;
  support: string[];
  /** needed: false = a piece the generator was shown but the answer does not need (a source segment) */
  evidence: { piece: number; text: string; needed?: boolean }[];
}

export function checkPair(p: PairForQuality): { flags: QualityFlag[]; score: number } {
  const flags: QualityFlag[] = [
    ...checkLengths(p),
    ...checkSupport(p),
    ...checkAnswerSupported(p),
    ...checkMetaPhrases(p),
    ...checkAnswerInQuestion(p),
    ...checkNeededPieces(p),
  ];
  return { flags, score: scoreFlags(flags) };
}

const wordCount = (text: string): number => text.trim().split(/\s+/).filter(Boolean).length;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
const excerpt = (text: string, max = 80): string =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

function checkLengths(p: PairForQuality): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const size = (text: string): string => `${plural(wordCount(text), "word")} / ${plural(text.length, "character")}`;
  const q = p.question.trim();
  const a = p.answer.trim();
  const [qw, aw] = [wordCount(q), wordCount(a)];
  if (qw < L.questionMinWords || q.length < L.questionMinChars) {
    flags.push(warn("question_too_short", `Question has ${size(q)} (minimum ${L.questionMinWords} / ${L.questionMinChars}).`));
  }
  if (qw > L.questionMaxWords || q.length > L.questionMaxChars) {
    flags.push(warn("question_too_long", `Question has ${size(q)} (maximum ${L.questionMaxWords} / ${L.questionMaxChars}).`));
  }
  if (aw < L.answerMinWords || a.length < L.answerMinChars) {
    flags.push(warn("answer_too_short", `Answer has ${size(a)} (minimum ${L.answerMinWords} / ${L.answerMinChars}).`));
  }
  if (aw > L.answerMaxWords || a.length > L.answerMaxChars) {
    flags.push(warn("answer_too_long", `Answer has ${size(a)} (maximum ${L.answerMaxWords} / ${L.answerMaxChars}).`));
  }
  return flags;
}

function checkNeededPieces(p: PairForQuality): QualityFlag[] {
  if (p.type !== "multi") return [];
  const needed = p.evidence.filter((e) => e.needed !== false).map((e) => e.piece);
  if (needed.length >= 2) return [];
  const which = needed.length ? `only piece ${needed.join(", ")}` : "no piece";
  return [error("multi_few_pieces", `The generator says the answer needs ${which} of the ${p.evidence.length} it was shown; a multi-hop pair needs two.`)];
}

function checkSupport(p: PairForQuality): QualityFlag[] {
  const quotes = p.support.map((q, i) => ({ q, i })).filter(({ q }) => quoteParts(q).length > 0);
  if (quotes.length === 0) return [error("empty_support", "The pair has no support quotes.")];

  const pieces = p.evidence.map((e) => ({ piece: e.piece, hay: normalizeForMatch(e.text) }));
  const foundIn = quotes.map(({ q }) => pieces.filter((e) => quoteFound(e.hay, q)).map((e) => e.piece));
  const flags: QualityFlag[] = [];

  const missing = quotes.filter((_, k) => (foundIn[k] ?? []).length === 0);
  if (missing.length > 0) {
    const list = missing.map(({ q, i }) => `#${i + 1} "${excerpt(q)}"`).join("; ");
    const what = missing.length === 1 ? "Support quote" : "Support quotes";
    flags.push(error("support_not_found", `${what} not found in the evidence: ${list}.`));
  }

  // When no quote was found at all, support_not_found already says everything; a piece count would repeat it.
  if (p.type === "multi" && missing.length < quotes.length && !twoDistinctPieces(foundIn)) {
    const used = [...new Set(foundIn.flat())].sort((a, b) => a - b);
    const reason = `All support found comes from piece ${used.join(", ")}; a multi-hop pair needs quotes from two pieces.`;
    flags.push(error("multi_single_piece", reason));
  }
  return flags;
}

/** True when two different quotes can be attributed to two different pieces. */
function twoDistinctPieces(foundIn: number[][]): boolean {
  for (let i = 0; i < foundIn.length; i++)
    for (let j = i + 1; j < foundIn.length; j++)
      for (const a of foundIn[i] ?? []) for (const b of foundIn[j] ?? []) if (a !== b) return true;
  return false;
}

function checkAnswerSupported(p: PairForQuality): QualityFlag[] {
  const evidence = p.evidence.map((e) => e.text).join("\n");
  const evidenceNumbers = numbersIn(evidence);
  const missingNumbers = digitNumberMentions(p.answer).filter((m) => !m.values.some((v) => evidenceNumbers.has(v)));
  if (missingNumbers.length > 0) {
    const list = [...new Set(missingNumbers.map((m) => m.text))].join(", ");
    return [error("answer_unsupported", `The answer states ${list}, which the evidence never mentions.`)];
  }
  // What the answer names — "The Onion", "Jane Porter", "QR1.83bn" — is its substance: when every name it gives
  // occurs in the evidence, it is supported however many other words it uses ("The missing name is The Onion.").
  const evidenceKey = wordKey(evidence);
  const names = answerNames(p.answer);
  // a name with digits is found when its numbers are, as a reader reads them ("$4.5 million" ~ "$4.5m")
  const found = (n: { key: string; text: string }) => containsWords(evidenceKey, n.key) ||
    (/\d/.test(n.text) && digitNumberMentions(n.text).every((m) => m.values.some((v) => evidenceNumbers.has(v))));
  if (names.length > 0 && names.every(found)) return [];
  const answerWords = contentWordSet(p.answer);
  if (answerWords.size === 0) return [];
  // Words the reader was given in the question are not claims the evidence must back ("Which place …?" → "The place is …").
  const known = new Set([...contentWords(evidence), ...contentWords(p.question)]);
  let hits = 0;
  for (const w of answerWords) if (known.has(w)) hits++;
  const share = hits / answerWords.size;
  if (share >= L.answerMinEvidenceOverlap) return [];
  const percent = `${Math.round(share * 100)}%, minimum ${L.answerMinEvidenceOverlap * 100}%`;
  const reason = `Only ${hits} of the answer's ${answerWords.size} content words occur in the evidence or the question (${percent}).`;
  return [warn("answer_unsupported", reason)];
}

function checkMetaPhrases(p: PairForQuality): QualityFlag[] {
  const where = [
    ["question", findMetaPhrase(p.question)],
    ["answer", findMetaPhrase(p.answer)],
  ] as const;
  const hits = where.filter(([, phrase]) => phrase !== null);
  if (hits.length === 0) return [];
  return [error("meta_phrase", hits.map(([field, phrase]) => `The ${field} says "${phrase}".`).join(" "))];
}

function checkAnswerInQuestion(p: PairForQuality): QualityFlag[] {
  const answerKey = wordKey(p.answer);
  const answerWords = contentWordSet(p.answer);
  if (answerWords.size === 0) return [];
  if (containsWords(wordKey(p.question), answerKey))
    return [warn("answer_in_question", `The question already contains the answer "${excerpt(p.answer)}".`)];
  const questionWords = contentWordSet(p.question);
  let hits = 0;
  for (const w of answerWords) if (questionWords.has(w)) hits++;
  const share = hits / answerWords.size;
  if (share < L.answerMaxQuestionOverlap) return [];
  const reason = `${hits} of the answer's ${answerWords.size} content words already appear in the question.`;
  return [warn("answer_in_question", `${reason} The answer adds almost nothing.`)];
}

const error = (code: string, reason: string): QualityFlag => ({ code, reason, severity: "error" });
const warn = (code: string, reason: string): QualityFlag => ({ code, reason, severity: "warning" });
