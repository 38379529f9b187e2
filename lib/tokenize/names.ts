/** FILM-7B was trained with Mistral-7B-Instruct-v0.2's tokenizer, so IN2 token counts default to it. */
export const DEFAULT_TOKENIZER = "mistral";

/** Prefix of a Hugging Face tokenizer.json given by path: `hf:/abs/path/tokenizer.json` or `hf:relative/…`. */
export const HF_PREFIX = "hf:";

const BUILTIN_LABELS: Readonly<Record<string, string>> = {
  mistral: "Mistral-7B v0.2 (FILM-7B's backbone), SentencePiece BPE, 32k vocab",
  o200k_base: "OpenAI o200k_base (GPT-4o / o-series), byte-level BPE, 200k vocab",
};

/** The names as users should type them (for help texts and error messages). */
export const TOKENIZER_NAME_HELP = [...Object.keys(BUILTIN_LABELS), `${HF_PREFIX}<path/to/tokenizer.json>`];

export function hfPath(name: string): string | null {
  if (!name.startsWith(HF_PREFIX)) return null;
  const path = name.slice(HF_PREFIX.length).trim();
  return path.endsWith(".json") && path.length > ".json".length ? path : null;
}

export function isValidTokenizerName(name: string): boolean {
  return Object.hasOwn(BUILTIN_LABELS, name) || hfPath(name) !== null;
}

export function invalidTokenizerNameError(name: string): Error {
  return new Error(`Unknown tokenizer ${JSON.stringify(name)}; valid names: ${TOKENIZER_NAME_HELP.join(", ")}`);
}

/** Human label, e.g. for the UI and job summaries. Throws on an invalid name. */
export function describeTokenizer(name: string): string {
  const builtin = Object.hasOwn(BUILTIN_LABELS, name) ? BUILTIN_LABELS[name] : undefined;
  if (builtin !== undefined) return builtin;
  const path = hfPath(name);
  if (path === null) throw invalidTokenizerNameError(name);
  return `Hugging Face tokenizer.json (${path})`;
}
