import { loadHfTokenizer } from "./hf";
import { loadMistralTokenizer } from "./mistral";
import { hfPath, invalidTokenizerNameError } from "./names";
import { loadO200kTokenizer } from "./o200k";
import type { Tokenizer } from "./types";

export type { NewlineAdditivity, Tokenizer } from "./types";
export {
  DEFAULT_TOKENIZER,
  describeTokenizer,
  HF_PREFIX,
  isValidTokenizerName,
  TOKENIZER_NAME_HELP,
} from "./names";

// Promises are cached, not tokenizers, so concurrent first calls share one load (the Mistral tables take ~0.1 s).
const loaded = new Map<string, Promise<Tokenizer>>();

function load(name: string): Promise<Tokenizer> {
  if (name === "mistral") return loadMistralTokenizer(name);
  if (name === "o200k_base") return loadO200kTokenizer(name);
  const path = hfPath(name);
  if (path !== null) return loadHfTokenizer(name, path);
  return Promise.reject(invalidTokenizerNameError(name));
}

/** The tokenizer called `name`, loaded once per process. encode/count are synchronous once this resolves. */
export function getTokenizer(name: string): Promise<Tokenizer> {
  let promise = loaded.get(name);
  if (promise === undefined) {
    promise = load(name);
    loaded.set(name, promise);
    // A failed load (missing file, broken binding) must not poison the cache once the cause is fixed.
    promise.catch(() => loaded.delete(name));
  }
  return promise;
}
