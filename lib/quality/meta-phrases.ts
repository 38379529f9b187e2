import { normalizeText } from "./normalize";

/**
 * Phrases that refer to the prompt instead of the world. The paper bans them because at training time the
 * question sits after a 32K-token context of unrelated text, where "the passage" means nothing.
 *
 * Bare "the context", "the text" and "the article" are legitimate in news ("in the context of the war", "the
 * text of the bill", "the article 5 commitment"), so each pattern anchors the noun to a meta verb, a preposition
 * or a determiner that only makes sense for a prompt.
 */
// "report" and "story" are left out on purpose: "according to the report" is ordinary news language.
const SOURCE = "(?:context|passage|text|article|document|excerpt|paragraph|snippet|piece|pieces)";
const GIVEN = "(?:given|provided|above|following|preceding|supplied|attached|original)";
const any = (...words: string[]): string => `(?:${words.join("|")})`;
const CITING = any("according to", "based on", "as per",
  ...["stated", "mentioned", "described", "noted", "indicated", "shown"].map((w) => `as ${w} in`));
const REFERRED = any("mentioned", "stated", "described", "discussed", "referred to", "referenced", "noted", "cited", "quoted",
  "presented", "outlined", "highlighted", "given");
const VERBS = ["state", "mention", "describe", "suggest", "note", "indicate", "claim", "report", "explain", "discuss"];
const SAYS = any(...VERBS.flatMap((v) => [v, `${v}s`, v.endsWith("e") ? `${v}d` : `${v}ed`]), "say", "says", "said",
  "tell", "tells", "told");

const PATTERNS: RegExp[] = [
  new RegExp(`\\b${CITING} (?:the|this|these) (?:${GIVEN} )?${SOURCE}\\b`),
  new RegExp(`\\b(?:in|from|within) (?:the|this) ${GIVEN} ${SOURCE}\\b`),
  new RegExp(`\\bthe ${SOURCE} (?:above|below|provided|given)\\b`),
  // "the passage of the bill" is news, "the passage" alone is the prompt.
  /\b(?:the|this) (?:passage|excerpt|snippet)\b(?! of\b)/,
  /\b(?:mentioned|stated|described|noted|discussed|listed|given) above\b/,
  /\bthe (?:information|details|data|facts) (?:provided|given|presented)\b/,
  new RegExp(`\\b${REFERRED} (?:in|by) (?:the|this) ${SOURCE}\\b`),
  new RegExp(`\\b(?:the|this) (?:text|article|document|context) ${SAYS}\\b`),
  // "in the text" only at the end of a clause: "in the text of the bill" is news.
  new RegExp(`\\b(?:in|from|within) (?:the|this) (?:text|article|context|document)(?=\\s*(?:[?.,;:!]|$))`),
  // Type-2 prompts label the input "# Piece 1", "# Piece 2": an LLM echoing those labels leaks the prompt format.
  /\bpieces? ?#?\d+\b/,
  /\b(?:both|all|the two|multiple|different|several) pieces\b(?! of\b)/,
];

/** The first meta phrase in the text (as written in normalised form), or null. */
export function findMetaPhrase(text: string): string | null {
  const norm = normalizeText(text);
  for (const pattern of PATTERNS) {
    const m = pattern.exec(norm);
    if (m) return m[0];
  }
  return null;
}
