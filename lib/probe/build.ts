import { ambiguityNeedle, countOccurrences, INSTRUCTION_SEPARATOR, question, SEPARATOR } from "./format";
import { createRng } from "@/lib/random";
import type { BuildResult, BuiltContext, BuiltExample, ExcludedExample, ProbeItem, ProbeStyle } from "./types";

export interface BuildOptions {
  style: ProbeStyle;
  /** the pool to draw from (the paper's pieces or a corpus's sentences) */
  items: readonly ProbeItem[];
  /** token count with the corpus tokenizer */
  count: (text: string) => number;
  /** the context window: context, separator, question and `reserve` */
  tokens: number;
  sets: number;
  seed: string | number;
  /** positions probed per context; default every position */
  positions?: number;
  /** tokens kept free for the reply and the chat template, so prompt + reply fit a context window of `tokens` */
  reserve?: number;
}

/**
 * Builds `sets` contexts, each filled with as many items as fit the token budget, and one example per
 * probed position whose target is the item there. Pure and seeded: the same options give the same set.
 * Items are drawn without replacement across contexts while the pool lasts, so the contexts are independent.
 */
export function buildProbeSet(opts: BuildOptions): BuildResult {
  if (opts.items.length < 2) throw new Error("the pool needs at least two items");
  const rng = createRng(`${opts.seed}`);
  let order = rng.shuffle(opts.items.map((_, i) => i));
  let cursor = 0;
  const draw = (): ProbeItem => {
    if (cursor >= order.length) {
      order = rng.shuffle(order);
      cursor = 0;
    }
    return opts.items[order[cursor++]!]!;
  };

  const budget = opts.tokens - (opts.reserve ?? 0);
  const contexts: BuiltContext[] = [];
  const examples: BuiltExample[] = [];
  const excluded: ExcludedExample[] = [];
  const sep = SEPARATOR[opts.style];
  const sepTokens = Math.max(0, opts.count(`a${sep}b`) - opts.count("a") - opts.count("b"));
  const tailTokens = opts.count(`a${INSTRUCTION_SEPARATOR}b`) - opts.count("a") - opts.count("b");

  for (let s = 0; s < opts.sets; s++) {
    const chosen: { item: ProbeItem; questionTokens: number }[] = [];
    let used = 0;
    let questionReserve = 0;
    // A bounded number of misses: one oversized item must not end the context while smaller ones still fit.
    for (let misses = 0; misses < 50 && chosen.length < opts.items.length;) {
      const item = draw();
      const q = opts.count(question(opts.style, item.key));
      const add = (chosen.length ? sepTokens : 0) + opts.count(item.text);
      if (used + add + Math.max(questionReserve, q) + tailTokens > budget) { misses++; continue; }
      chosen.push({ item, questionTokens: q });
      used += add;
      questionReserve = Math.max(questionReserve, q);
    }
    // The exact count of the joined text can differ from the sum by a token here and there: trim to fit.
    let text = chosen.map((c) => c.item.text).join(sep);
    let tokenCount = opts.count(text);
    while (chosen.length > 2 && tokenCount + questionReserve + tailTokens > budget) {
      chosen.pop();
      text = chosen.map((c) => c.item.text).join(sep);
      tokenCount = opts.count(text);
    }
    if (chosen.length < 2) throw new Error(`a budget of ${budget} tokens holds fewer than two ${opts.style} items`);
    const n = chosen.length;
    contexts.push({ setIndex: s, text, itemCount: n, tokenCount });
    for (const position of evenPositions(n, opts.positions)) {
      const { item, questionTokens } = chosen[position]!;
      const occurrences = countOccurrences(text, ambiguityNeedle(opts.style, item.key));
      if (occurrences !== 1) {
        excluded.push({ setIndex: s, position, occurrences });
        continue;
      }
      examples.push({
        setIndex: s, position, itemCount: n, key: item.key, question: question(opts.style, item.key),
        answer: item.answer, meta: item.meta, promptTokens: tokenCount + tailTokens + questionTokens,
      });
    }
  }
  return { contexts, examples, excluded };
}

/** Every position, or `k` evenly spaced ones from the first to the last (so both ends are always probed). */
export function evenPositions(n: number, k?: number): number[] {
  if (k === undefined || k >= n) return Array.from({ length: n }, (_, i) => i);
  if (k <= 1) return [Math.floor((n - 1) / 2)];
  const out = new Set<number>();
  for (let i = 0; i < k; i++) out.add(Math.round((i * (n - 1)) / (k - 1)));
  return [...out];
}
