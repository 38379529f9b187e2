import type { Tokenizer } from "./types";

// Corpus text may literally contain "<|endoftext|>": count it as plain text rather than throw (the default).
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** OpenAI o200k_base via gpt-tokenizer (~16 MB/s, stateless for encoding and counting). */
export async function loadO200kTokenizer(name = "o200k_base"): Promise<Tokenizer> {
  const o200k = await import("gpt-tokenizer/encoding/o200k_base");
  return {
    name,
    encode: (text) => o200k.encode(text, PLAIN_TEXT),
    count: (text) => o200k.countTokens(text, PLAIN_TEXT),
  };
}
