import nlp from "compromise/one";

/**
 * English sentence boundaries from compromise's own splitter (its abbreviation lexicon knows "Nov.", "Mr.",
 * "U.S.", "p.m." …). Only the splitter runs — no part-of-speech tagging — so it reads ~10 MB/s, fast enough for
 * import; segmentation still calls it only for over-long paragraphs. From compromise's first build ("one":
 * tokenizer and splitter only), which loads in 0.17 CPU-s against 0.74 for the whole library, in every process
 * and every import's segmentation thread; its splits are the whole library's (compared on every paragraph and
 * every whole document of the shared corpora and 20 MB of C4: 0 differences in 186K texts).
 */
const world = nlp.world();
const split = (nlp.methods() as { one: { tokenize: { splitSentences: (text: string, world: unknown) => string[] } } })
  .one.tokenize.splitSentences;

export interface SentenceSpan {
  /** UTF-16 offsets into the text, end exclusive; the span has no leading or trailing whitespace */
  start: number;
  end: number;
}

/**
 * Sentences as exact spans of `text`: the whitespace between two sentences belongs to neither, so
 * `text.slice(prev.end, next.start)` is the separator that stood between them. A text without a boundary is
 * one span (its trimmed extent); a blank text has none.
 */
export function sentenceSpans(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let at = 0;
  let exact = true;
  for (const chunk of split(text, world)) {
    if (!text.startsWith(chunk, at)) exact = false;
    const lead = chunk.length - chunk.trimStart().length;
    const body = chunk.trim();
    if (body.length > 0) spans.push({ start: at + lead, end: at + lead + body.length });
    at += chunk.length;
  }
  // The splitter gives the text back whole (checked on the demo corpus); if a future version did not, one span
  // over the whole text is the safe answer: nothing is cut, nothing is lost.
  if (!exact || at !== text.length) {
    const body = text.trim();
    if (!body) return [];
    const start = text.indexOf(body);
    return [{ start, end: start + body.length }];
  }
  return spans;
}

/** The sentences of a text as strings (exact substrings, no surrounding whitespace). */
export function sentencesOf(text: string): string[] {
  return sentenceSpans(text).map((s) => text.slice(s.start, s.end));
}
