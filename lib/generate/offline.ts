import crypto from "node:crypto";
import { factsIn, KIND_LABEL, type Fact } from "./offline/facts";

export { candidateSentences, factsIn, type Fact, type FactKind } from "./offline/facts";

/**
 * The offline generator: NOT a language model. It picks a sentence that carries a checkable fact — a person, a
 * place, an organisation, a date, an amount of money, a percentage or a counted amount, as compromise (an English
 * NLP library) recognises them — blanks the fact out, and asks for it; the support quote is the sentence itself,
 * copied from the text. Questions are cloze-style and plain, but honest and grounded, so the whole journey (review,
 * assembly, export, the offline verifier) works without a network. Facts that make a specific question come first:
 * a person with their role, an amount with its currency, a full date. Multi items blank one fact in each of two
 * different pieces, in sentences that occur in no other piece, so they really need both (`pieces` names them).
 */
export const OFFLINE_LABEL =
  "offline cloze generator (no LLM): questions blank out a person, place, organisation, date or amount (found by compromise) from one sentence";

function rank<T>(items: T[], key: string, salt: string, score: (t: T) => number): T[] {
  const h = (i: number) => crypto.createHash("sha256").update(`${key}\u0000${salt}\u0000${i}`).digest().readUInt32BE(0);
  return items.map((item, i) => ({ item, s: score(item), h: h(i) })).sort((a, b) => b.s - a.s || a.h - b.h).map((x) => x.item);
}

/** The best fact of a piece for this item: highest score first, ties broken by the item key (deterministic). */
function best(facts: Fact[], key: string, salt: string): Fact | undefined {
  return rank(facts, key, salt, (f) => f.score)[0];
}

/** The sentence with the fact blanked, wrapped in quotation marks it does not itself contain. */
function quotedCloze(f: Fact): string {
  const cloze = `${f.sentence.slice(0, f.at)}____${f.sentence.slice(f.at + f.fact.length)}`;
  return f.sentence.includes('"') ? `“${cloze}”` : `"${cloze}"`;
}

const MULTI_SENTENCE_CHARS = 160;
const MULTI_SENTENCE_WORDS = 22;

export interface OfflineQa { question: string; answer: string; support: string[]; pieces: number[] }

/** One pair for the texts of an item, or null when no sentence carries a usable fact. */
export function offlinePair(type: "single" | "multi", texts: string[], key: string): OfflineQa | null {
  if (type === "single") {
    const f = best(factsIn(texts[0] ?? "", 1), key, "single");
    if (!f) return null;
    const label = KIND_LABEL[f.kind];
    return {
      question: `Which ${label} fills the blank in ${quotedCloze(f)}?`,
      answer: `The missing ${label} is ${f.fact}.`,
      support: [f.sentence],
      pieces: [1],
    };
  }
  // A fact counts for its piece only when its sentence is in no other piece: otherwise one piece would answer both.
  // Two quoted sentences must still make a question within the quality bounds (60 words, 400 characters).
  const byPiece = texts
    .map((t, i) => factsIn(t, i + 1).filter((f) =>
      f.sentence.length <= MULTI_SENTENCE_CHARS && f.sentence.split(/\s+/).length <= MULTI_SENTENCE_WORDS &&
      texts.every((other, j) => j === i || !other.includes(f.sentence))))
    .filter((fs) => fs.length > 0);
  if (byPiece.length < 2) return null;
  const [first, second] = rank(byPiece, key, "pieces", (fs) => Math.max(...fs.map((f) => f.score)));
  const a0 = best(first!, key, "a");
  // neither blank may give the other away: a fact quoted in the other sentence, or one name inside the other
  const apart = (f: Fact, g: Fact) => !f.sentence.includes(g.fact) && !g.sentence.includes(f.fact) && !f.fact.includes(g.fact) && !g.fact.includes(f.fact);
  const b0 = a0 && best(second!.filter((f) => apart(f, a0)), key, "b");
  if (!a0 || !b0) return null;
  const [a, b] = [a0, b0].sort((x, y) => x.piece - y.piece) as [Fact, Fact];
  return {
    question: `Which ${KIND_LABEL[a.kind]} fills the blank in ${quotedCloze(a)}, and which ${KIND_LABEL[b.kind]} fills the blank in ${quotedCloze(b)}?`,
    answer: `The first blank is ${a.fact} and the second is ${b.fact}.`,
    support: [a.sentence, b.sentence],
    pieces: [a.piece, b.piece],
  };
}
