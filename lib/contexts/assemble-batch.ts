import { assembleContext, AssemblyError, type AssembledContext } from "@/lib/assemble";
import { getTokenizer } from "@/lib/tokenize";
import { DbFillerSource } from "./filler-source";
import type { PairInput } from "./inputs";
import { effectiveSplit, recipeKey, type RecipeBase } from "./recipe";
import { PairSplits, type SplitFilter } from "./split-filter";
import type { AssemblyFailure } from "./types";

/**
 * Fetch rounds per batch before giving up. The first round draws every pair's fillers at once (stand-ins carry
 * the token counts), the second assembles them for real; later rounds only serve fillers turned away as leaks.
 */
const MAX_ROUNDS = 200;

export interface BatchResult {
  contexts: (AssembledContext & { tokenizer: string; recipeKey: string })[];
  failures: AssemblyFailure[];
  /** pairs skipped because their document overlaps an evaluation set */
  contaminated: number;
  contaminatedPairIds: number[];
  leakyFillersRejected: number;
}

/** One filler source per corpus, shared by the batches of a run so the cache is reused until cleared. */
export class FillerSources {
  private readonly sources = new Map<string, Promise<DbFillerSource>>();

  get(corpusId: number, split?: SplitFilter): Promise<DbFillerSource> {
    const key = split ? `${corpusId}:${split.index}` : `${corpusId}`;
    let s = this.sources.get(key);
    if (!s) {
      s = DbFillerSource.forCorpus(corpusId, split);
      this.sources.set(key, s);
    }
    return s;
  }

  /**
   * Drops cached segments once they pass `limit`: a batch of 200 draws ~22K fillers, so a small corpus stays cached
   * whole and a big one (where fillers rarely recur) is kept to about one batch's texts.
   */
  async trim(limit = 30_000, keep?: Prefetched["ids"]): Promise<void> {
    for (const s of this.sources.values()) {
      const source = await s;
      if (source.size > limit) source.clear(keep?.get(source));
    }
  }
}

/** A batch's fillers on their way: the ids sent for, per source, and the end of the fetches. */
export interface Prefetched {
  ids: Map<DbFillerSource, number[]>;
  done: Promise<void>;
}

/**
 * The first round of assembleBatch ahead of time: draws every pair's fillers against the cache (stand-ins for the
 * misses) and sends one fetch per source for what is missing, without waiting for it. A run plans batch k+1 this
 * way before it assembles batch k, so PostgreSQL reads the next texts while this process does the CPU work.
 * Results cannot change: assembleBatch still runs every pair and keeps only attempts that drew cached segments.
 */
export async function prefetchFillers(pairs: PairInput[], opts: RecipeBase, sources: FillerSources): Promise<Prefetched> {
  const options = { ...opts, seed: String(opts.seed) };
  const splits = effectiveSplit(opts.split) ? new PairSplits(effectiveSplit(opts.split)!) : null;
  const ids = new Map<DbFillerSource, number[]>();
  for (const p of pairs) {
    if (p.contaminated) continue;
    const source = await sources.get(p.corpusId, splits?.filterFor(p.documentKey));
    const tokenizer = await getTokenizer(p.tokenizer);
    const { missing } = source.attempt(() => assembleContext(p.input, source, tokenizer, options));
    const list = ids.get(source);
    if (list) for (const id of missing) list.push(id);
    else ids.set(source, missing);
  }
  const done = Promise.all([...ids].map(([source, want]) => source.fetch(want))).then(() => {});
  done.catch(() => {}); // awaited before the batch is assembled; a failure surfaces there
  // one turn of the event loop, so the queries are on their way before the caller's CPU work starts
  await new Promise<void>((resolve) => setImmediate(resolve));
  return { ids, done };
}

/**
 * Assembles a batch of pairs. Every pair is tried; those that drew segments not cached yet are collected, all
 * their segments fetched in one query per corpus, and they are tried again, until every pair has a context or
 * a failure. Results do not depend on the batch's composition: each pair's randomness is its own, and only an
 * attempt that drew nothing but real, cached segments is kept.
 */
export async function assembleBatch(pairs: PairInput[], opts: RecipeBase, sources: FillerSources): Promise<BatchResult> {
  const result: BatchResult = { contexts: [], failures: [], contaminated: 0, contaminatedPairIds: [], leakyFillersRejected: 0 };
  let pending: PairInput[] = [];
  for (const p of pairs) {
    if (p.contaminated) {
      result.contaminated++;
      result.contaminatedPairIds.push(p.input.pairId);
    }
    else pending.push(p);
  }
  const options = { ...opts, seed: String(opts.seed) };
  const keys = new Map<string, string>();
  const keyOf = (tokenizer: string): string => {
    let key = keys.get(tokenizer);
    if (key === undefined) keys.set(tokenizer, (key = recipeKey(opts, tokenizer)));
    return key;
  };
  // with splits, a pair's fillers come from its own document's split only (one pool per corpus and split)
  const splits = effectiveSplit(opts.split) ? new PairSplits(effectiveSplit(opts.split)!) : null;
  const filterOf = (p: PairInput) => splits?.filterFor(p.documentKey);
  for (let round = 0; pending.length > 0; round++) {
    const needed = new Map<DbFillerSource, number[]>();
    const retry: PairInput[] = [];
    for (const p of pending) {
      const source = await sources.get(p.corpusId, filterOf(p));
      const tokenizer = await getTokenizer(p.tokenizer);
      const { value: ctx, error, missing } = source.attempt(() => assembleContext(p.input, source, tokenizer, options));
      if (missing.length > 0 && round < MAX_ROUNDS) {
        const ids = needed.get(source);
        if (ids) for (const id of missing) ids.push(id);
        else needed.set(source, missing);
        retry.push(p);
      } else if (missing.length > 0) {
        result.failures.push({ pairId: p.input.pairId, code: "filler_exhausted", message: "too many filler lookups" });
      } else if (ctx) {
        result.contexts.push({ ...ctx, tokenizer: p.tokenizer, recipeKey: keyOf(p.tokenizer) });
        result.leakyFillersRejected += ctx.leakyFillersRejected;
      } else if (error instanceof AssemblyError) {
        result.failures.push({ pairId: p.input.pairId, code: error.code, message: error.message });
      } else {
        throw error;
      }
    }
    for (const [source, ids] of needed) await source.fetch(ids);
    pending = retry;
  }
  result.contexts.sort((a, b) => a.pairId - b.pairId);
  return result;
}
