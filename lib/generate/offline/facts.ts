import nlp from "compromise";
import { sentenceSpans } from "@/lib/segment/sentences";

/**
 * Facts for the offline cloze generator, found by compromise (people, places, organisations, dates, money,
 * percentages, counted amounts) instead of regular expressions. A fact is always whole compromise terms, so the
 * "83" of "QR1.83bn" or the "1990" of "1990s" is never a fact, and its kind says what a reader would call it.
 */
export type FactKind = "person" | "place" | "organisation" | "name" | "date" | "year" | "amount" | "percentage" | "number";

export interface Fact {
  /** the sentence, an exact substring of the piece's text */
  sentence: string;
  /** the fact, an exact substring of the sentence, occurring once in it (as a whole word sequence) */
  fact: string;
  /** UTF-16 offset of the fact in the sentence */
  at: number;
  kind: FactKind;
  /** 1-based piece number */
  piece: number;
  /** how specific a question it makes: higher first (a person with a role, an amount with its unit, a full date) */
  score: number;
}

export const KIND_LABEL: Record<FactKind, string> = {
  person: "person", place: "place", organisation: "organisation", name: "name", date: "date", year: "year",
  amount: "amount", percentage: "percentage", number: "number",
};

interface Term { text: string; start: number; end: number; tags: string[]; post: string }
interface CompromiseTerm { text: string; post: string; tags: string[]; offset: { start: number; length: number } }
interface Match { terms: CompromiseTerm[] }
interface View { json(o: object): Match[] }

const LEXICON = (nlp.world() as { model: { one: { lexicon: Record<string, string | undefined> } } }).model.one.lexicon;
const MIN_WORDS = 8;
const CURRENCY = /[$€£¥₹]|\b(USD|EUR|GBP|QR|Dh|AED|Rs|INR|CAD|AUD|NZD|HK|SGD|R|Sh|KSh|N)\s?\d|\b(dollars?|euros?|yuan|yen|rupees?|dirhams?|riyals?)\b/i;
const SCALE = /^(thousand|million|billion|trillion|bn|mn|m|k)$/i;
const MAX_WORDS = 45;
const MONTH = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)$/i;
const YEAR = /^(1[5-9]\d\d|20\d\d)$/;
/** Words compromise may tag as a person or place that a reader would not accept as one. */
const NOT_A_NAME = /^(i|i'm|im|god|lord|jesus|christ|mr|mrs|ms|dr|sir|madam|king|queen|president|mayor|chief|st)$/i;

/** Sentences of a piece worth asking about: complete, of a readable length, with balanced quotes. */
export function candidateSentences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    for (const span of sentenceSpans(paragraph)) {
      const s = paragraph.slice(span.start, span.end);
      const words = s.split(/\s+/).length;
      if (words < MIN_WORDS || words > MAX_WORDS) continue;
      if (!/^["“‘(]?[A-Z0-9]/.test(s) || !/[.!]["”’)]?$/.test(s)) continue; // a whole statement, not a question
      if (/_{2,}|https?:|www\.|@|\||&[a-z]+;|&#\d+;|Ã|Â|â€|\uFFFD/.test(s)) continue; // links, markup, mojibake
      const tokens = s.split(/\s+/);
      if (tokens.filter((t) => /\d/.test(t)).length > tokens.length / 4) continue; // tables, scores, schedules
      if (!/\d|\s\p{Lu}/u.test(s)) continue; // no number and no capitalised word: nothing to ask
      if ((s.match(/;/g) ?? []).length >= 3 || (s.match(/(^|\s)\p{Lu}\.(?=[\s,])/gu) ?? []).length >= 3) continue; // references
      const straight = (s.match(/"/g) ?? []).length;
      const open = (s.match(/“/g) ?? []).length;
      if (straight % 2 === 1 || open !== (s.match(/”/g) ?? []).length || (straight > 0 && open > 0)) continue;
      out.push(s);
    }
  }
  return out;
}

/**
 * Every usable fact of a piece, in text order. Tagging is compromise's slow part (~20 KB/s on a busy 2-core
 * machine), and one segment is asked about by several items (single and multi), so results are cached per text.
 */
export function factsIn(text: string, piece: number): Fact[] {
  let facts = cache.get(text);
  if (facts) {
    cache.delete(text); // refresh its place in the LRU order
  } else {
    facts = [];
    const lower = new Set(text.match(/\b\p{Ll}[\p{Ll}'’-]*\b/gu) ?? []);
    for (const sentence of candidateSentences(text)) facts.push(...sentenceFacts(sentence, lower));
  }
  cache.set(text, facts);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return facts.map((f) => ({ ...f, piece }));
}

const CACHE_SIZE = 512;
const cache = new Map<string, Fact[]>();

function termsOf(view: View): Term[][] {
  return view.json({ offset: true, terms: { offset: true } }).map((m) =>
    m.terms.map((t) => ({ text: t.text, start: t.offset.start, end: t.offset.start + t.offset.length, tags: t.tags, post: t.post })));
}

const has = (t: Term | undefined, tag: string): boolean => t?.tags.includes(tag) ?? false;

/** `lower`: the words the piece also writes in lower case ("the island"), which are common words, not names. */
function sentenceFacts(sentence: string, lower: Set<string>, piece = 0): Fact[] {
  const doc = nlp(sentence);
  const all = termsOf(doc as unknown as View).flat();
  const out: Fact[] = [];
  const add = (terms: Term[], kind: FactKind, score: number) => {
    const fact = spanText(sentence, terms);
    if (!fact) return;
    if (out.some((f) => overlaps(f, fact.at, fact.text))) return; // one fact per stretch of text (first kind wins)
    if (!occursOnce(sentence, fact.text)) return;
    out.push({ sentence, fact: fact.text, at: fact.at, kind, piece, score });
  };
  // The fact is the whole name: the words around it are not capitalised parts of a longer one ("the ____ Center")
  const isolated = (terms: Term[]): boolean => {
    const prev = before(terms);
    const next = after(terms);
    const joins = (t: Term | undefined, gap: string | undefined) =>
      t !== undefined && /^\p{Lu}/u.test(t.text) && !has(t, "Honorific") && !has(t, "Actor") && !/[,;:()]/.test(gap ?? "");
    // "the ____ of Health": a capitalised word after "of" continues the name
    const nextNext = next && /^of$/i.test(next.text) ? all[all.indexOf(next) + 1] : undefined;
    const continues = nextNext !== undefined && /^\s+$/.test(terms[terms.length - 1]?.post ?? "") && /^\p{Lu}/u.test(nextNext.text);
    return !joins(prev, prev?.post) && !joins(next, terms[terms.length - 1]?.post) && !continues;
  };
  const after = (terms: Term[]): Term | undefined => all[all.findIndex((t) => t.start === terms[terms.length - 1]?.start) + 1];
  const before = (terms: Term[]): Term | undefined => all[all.findIndex((t) => t.start === terms[0]?.start) - 1];

  // an amount with its unit: the scale word ("$7.9 million") and "percent" belong to the fact, not to the question
  const withNext = (m: Term[], re: RegExp): Term[] => {
    const next = after(m);
    return next && re.test(next.text) && !/\S/.test(m[m.length - 1]?.post.replace(/\s/g, "") ?? "") ? [...m, next] : m;
  };
  for (const m of termsOf(doc.money() as unknown as View)) {
    const text = sentence.slice(m[0]?.start ?? 0, m[m.length - 1]?.end ?? 0);
    // money, not weight: a currency sign or code, or a currency named ("30 pounds" may be either, so it is not)
    if (/\d/.test(text) && CURRENCY.test(text)) add(withNext(m, SCALE), "amount", 4);
  }
  for (const m of termsOf(doc.percentages() as unknown as View)) {
    if (/\d/.test(m[0]?.text ?? "")) add(withNext(m, /^(percent|per|pct)$/i), "percentage", 3);
  }
  for (const m of termsOf(doc.people() as unknown as View)) {
    // titles and roles ("Sen.", "Mayor", "Judge") stay in the question; the name starts at a known first name
    const startAt = m.findIndex((t) => has(t, "FirstName"));
    if (startAt < 0 || !m.slice(0, startAt).every((t) => has(t, "Honorific") || has(t, "Actor") || has(t, "Abbreviation"))) continue;
    const name = m.slice(startAt);
    // a full name (first and last, as a reader writes it); a lone first name ("John") is too vague to ask about
    // words separated by spaces only: "Harley-Davidson" is two terms joined by a hyphen, and not a person
    const plain = name.every((t, i) => /^\p{Lu}[\p{Ll}'’.-]/u.test(t.text) && !NOT_A_NAME.test(t.text) && !has(t, "Date") &&
      (i === name.length - 1 ? !/[()"“”-]/.test(t.post) : /^\s+$/.test(t.post) || (/^\.\s+$/.test(t.post) && t.text.length === 1)));
    if (!plain || name.length < 2 || name.length > 4 || !isolated(name)) continue;
    const role = startAt > 0 || has(before(m), "Actor") || has(after(m), "Actor") || /^,\s*$/.test(m[m.length - 1]?.post ?? "");
    add(name, "person", role ? 4 : 3);
  }
  for (const m of termsOf(doc.match("#Date+") as unknown as View)) {
    const words = m.map((t) => t.text);
    const month = words.some((w) => MONTH.test(w));
    const year = words.some((w) => YEAR.test(w));
    const day = words.some((w) => /^\d{1,2}(st|nd|rd|th)?$/.test(w));
    const trimmed = m.filter((t) => MONTH.test(t.text) || YEAR.test(t.text) || /^\d{1,2}(st|nd|rd|th)?$/.test(t.text) || /^of$/i.test(t.text));
    if (trimmed.length !== m.length) continue; // "last Monday", "early 2019", "3:16": not a plain calendar date
    if (month && (day || year)) add(m, "date", 3);
    else if (year && m.length === 1 && !/^\p{Lu}/u.test(after(m)?.text ?? "")) add(m, "year", 2); // not "2000 Shepherds Lane"
  }
  for (const m of termsOf(doc.numbers() as unknown as View)) {
    if (!m.every((t) => /\d/.test(t.text) || /^(thousand|million|billion|trillion|hundred)$/i.test(t.text))) continue;
    if (m.some((t) => has(t, "Date") || YEAR.test(t.text) || /[^\d.,%]/.test(t.text.replace(/^(thousand|million|billion|trillion|hundred)$/i, "")))) continue;
    const unit = after(m);
    // an amount with its unit: "120 new teachers", "4.5 million computers" — the unit stays in the question
    if (!unit || !(has(unit, "Noun") || has(unit, "Adjective")) || !/^\p{Ll}+$/u.test(unit.text)) continue;
    if (/\S/.test(m[m.length - 1]?.post ?? "") || m[0]?.start === 0) continue; // "12, …", a list number at the start
    add(m, "number", 3);
  }
  const properName = (m: Term[]) =>
    m.every((t, i) => /^\p{Lu}/u.test(t.text) && !/[()"“”]/.test(t.post) && !has(t, "Date") && (i === m.length - 1 || !has(t, "Possessive"))) &&
    !NOT_A_NAME.test(m[0]?.text ?? "") && isolated(m) && !m.some((t) => /-\p{Ll}/u.test(t.text)) && // not "U.S.-based"
    !m.every((t) => t.text === t.text.toUpperCase() && t.text.length > 4); // shouted headings
  for (const m of termsOf(doc.organizations() as unknown as View)) if (properName(m)) add(m, "organisation", 2);
  for (const m of termsOf(doc.places() as unknown as View)) if (properName(m)) add(m, "place", 2);
  // Any other proper name inside the sentence (a product, a ship, a team): the least specific kind, kept for
  // texts that are not news, where people and places are rare.
  for (const m of termsOf(doc.match("#ProperNoun+") as unknown as View)) {
    // not a lone first name (a person without a surname is too vague), not a list ("Lorraine, Colin")
    if (m[0]?.start === 0 || m.some((t) => ["Date", "Honorific", "Pronoun", "Value", "Person", "FirstName"].some((tag) => has(t, tag)))) continue;
    if (!m.slice(0, -1).every((t) => /^\s+$/.test(t.post))) continue;
    if (m.some((t) => ["Adjective", "Demonym", "Conjunction", "Verb", "Plural"].some((tag) => has(t, tag)))) continue;
    // inside a sentence, not opening a quotation or a clause ("“____ has a massive impact", ": ____ continue")
    if (!/[\p{L}\p{N},]\s*$/u.test(sentence.slice(0, m[0]?.start ?? 0))) continue;
    if (m.length === 1 && (lower.has(m[0]!.text.toLowerCase()) || LEXICON[m[0]!.text.toLowerCase()] !== undefined)) continue;
    if (properName(m) && m.every((t) => t.text.length >= 2 && /^\p{Lu}[\p{L}&'’-]*$/u.test(t.text))) add(m, "name", 1);
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * The exact text of a run of terms: from the first term's start to the last one's end, keeping the period of a
 * final abbreviation ("Inc.", "Nov.") unless it also ends the sentence, and dropping a possessive "'s".
 */
function spanText(sentence: string, terms: Term[]): { at: number; text: string } | null {
  const first = terms[0];
  const last = terms[terms.length - 1];
  if (!first || !last) return null;
  let end = last.end;
  const sentenceEnd = sentence.slice(end).trim().length <= 1;
  const abbreviation = has(last, "Abbreviation") || /^(Co|Corp|Inc|Ltd|Bros|Jr|Sr|Dept|Assn|Mfg|Intl)$/.test(last.text);
  if (abbreviation && sentence[end] === "." && !sentenceEnd) end++;
  let text = sentence.slice(first.start, end);
  text = text.replace(/['’]s$/u, "");
  text = text.replace(/[\s,;:]+$/u, "");
  if (text.length < 2 || text.includes("\n")) return null;
  return { at: first.start, text };
}

function overlaps(f: Fact, at: number, text: string): boolean {
  return at < f.at + f.fact.length && f.at < at + text.length;
}

/** The fact occurs exactly once in the sentence as whole words, so blanking it leaves no copy behind. */
function occursOnce(sentence: string, fact: string): boolean {
  const escaped = fact.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "giu");
  return (sentence.match(re) ?? []).length === 1;
}
