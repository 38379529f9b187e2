import crypto from "node:crypto";

/**
 * The offline generator: NOT a language model. It picks a sentence that carries a checkable fact (a date,
 * a number or a name), blanks the fact out, and asks for it; the support quote is the sentence itself,
 * copied from the text. Questions are therefore cloze-style and plain, but honest and grounded, so the
 * whole journey (review, assembly, export) works without a network. Multi items combine facts from two
 * different pieces, so they really need both.
 */
export const OFFLINE_LABEL = "offline cloze generator (no LLM): questions blank out a date, number or name from one sentence";

export interface Fact { sentence: string; fact: string; kind: "date" | "number" | "name"; piece: number }

const MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)";
const PATTERNS: { kind: Fact["kind"]; re: RegExp }[] = [
  { kind: "date", re: new RegExp(`\\b${MONTH}\\s+\\d{1,2}(?:,\\s*\\d{4})?\\b|\\b${MONTH}\\s+\\d{4}\\b|\\b(?:1[89]\\d\\d|20\\d\\d)\\b`) },
  { kind: "number", re: /\$?\b\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th)?(?:\s?(?:%|percent|million|billion|thousand))?/ },
  { kind: "name", re: /(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|[A-Z]\.))+/ },
  // a single capitalised word or an acronym inside the sentence (not its first word): a place, a product, a body
  { kind: "name", re: /(?<=\s)(?:[A-Z][\p{Ll}'’-]{2,}|[A-Z]{2,6})(?=[\s,.;:!?)])/u },
];

/** Sentences as exact substrings of the text (split on whitespace after . ! ? and on newlines). */
export function sentences(text: string): string[] {
  return text.split("\n").flatMap((p) => p.split(/(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[A-Z0-9])/)).map((s) => s.trim()).filter(Boolean);
}

export function factsIn(text: string, piece: number): Fact[] {
  const out: Fact[] = [];
  for (const sentence of sentences(text)) {
    const words = sentence.split(/\s+/).length;
    if (words < 6 || words > 60 || !/[.!?]["”’)]?$/.test(sentence)) continue;
    for (const { kind, re } of PATTERNS) {
      const m = re.exec(sentence);
      if (m && m[0].trim().length >= 2) {
        out.push({ sentence, fact: m[0].trim(), kind, piece });
        break;
      }
    }
  }
  return out;
}

function pick<T>(items: T[], key: string, salt: string): T | undefined {
  if (!items.length) return undefined;
  const h = crypto.createHash("sha256").update(`${key}\u0000${salt}`).digest();
  return items[h.readUInt32BE(0) % items.length];
}

const LABEL = { date: "date or year", number: "number", name: "name" } as const;
const cloze = (f: Fact) => f.sentence.replace(f.fact, "____");

export interface OfflineQa { question: string; answer: string; support: string[]; pieces: number[] }

/** One pair for the texts of an item, or null when no sentence carries a usable fact. */
export function offlinePair(type: "single" | "multi", texts: string[], key: string): OfflineQa | null {
  if (type === "single") {
    const f = pick(factsIn(texts[0] ?? "", 1), key, "single");
    if (!f) return null;
    return {
      question: `Which ${LABEL[f.kind]} fills the blank in this statement: "${cloze(f)}"?`,
      answer: `The missing ${LABEL[f.kind]} is ${f.fact}.`,
      support: [f.sentence],
      pieces: [1],
    };
  }
  const byPiece = texts.map((t, i) => factsIn(t, i + 1)).filter((fs) => fs.length > 0);
  if (byPiece.length < 2) return null;
  const first = pick(byPiece, key, "a")!;
  const second = pick(byPiece.filter((fs) => fs !== first), key, "b")!;
  const [a, b] = [pick(first, key, "fa")!, pick(second, key, "fb")!].sort((x, y) => x.piece - y.piece) as [Fact, Fact];
  return {
    question: `Which ${LABEL[a.kind]} fills the blank in "${cloze(a)}", and which ${LABEL[b.kind]} fills the blank in "${cloze(b)}"?`,
    answer: `The first blank is ${a.fact} and the second is ${b.fact}.`,
    support: [a.sentence, b.sentence],
    pieces: [a.piece, b.piece],
  };
}
