import type { CountingTokenizer } from "./types";

/**
 * How token counts of parts combine into the count of their join, so assembly can add per-segment counts instead
 * of re-tokenising a growing 32K-token string after every filler.
 *
 * count(a + sep + b) ≈ count(a) + count(b) − overhead + separator, where `overhead` is what every count() call adds
 * once (a BOS token) and `separator` is what the separator costs between two parts. Exact for tokenizers that are
 * additive across "\n" (SentencePiece without a dummy prefix, as lib/tokenize provides; any whitespace tokenizer).
 */
export interface JoinCost {
  overhead: number;
  separator: number;
}

const cache = new WeakMap<CountingTokenizer, Map<string, JoinCost>>();

export function joinCost(tokenizer: CountingTokenizer, separator: string): JoinCost {
  let perSep = cache.get(tokenizer);
  if (!perSep) {
    perSep = new Map();
    cache.set(tokenizer, perSep);
  }
  const known = perSep.get(separator);
  if (known) return known;
  // Probing with a plain word measures the per-call overhead: two words cost 2·(word) − overhead.
  const w = "word";
  const one = tokenizer.count(w);
  const overhead = Math.max(0, 2 * one - tokenizer.count(`${w} ${w}`));
  const declared = separator === "\n" ? tokenizer.newlineAdditivity?.separatorTokens : undefined;
  const probed = tokenizer.count(`${w}${separator}${w}`) - 2 * one + overhead;
  const cost = { overhead, separator: Math.max(0, declared ?? probed) };
  perSep.set(separator, cost);
  return cost;
}

/** Estimated count of the parts joined by the separator. */
export function estimateJoined(tokenCounts: readonly number[], cost: JoinCost): number {
  if (tokenCounts.length === 0) return 0;
  let total = cost.overhead;
  for (const c of tokenCounts) total += c - cost.overhead + cost.separator;
  return total - cost.separator;
}

/** What appending one more part adds to an estimate. */
export function appendCost(tokenCount: number, cost: JoinCost): number {
  return tokenCount - cost.overhead + cost.separator;
}
