import { assembleBatch, FillerSources, prefetchFillers, type BatchResult, type Prefetched } from "./assemble-batch";
import { decontaminateAll } from "./decontaminate";
import { activeEvalGrams, registerEvalSet, type EvalGrams } from "./eval-sets";
import { loadPairInputs, type PairInput } from "./inputs";
import type { RecipeBase } from "./recipe";
import { insertContexts } from "./store";
import type { AssemblyOptions } from "./types";

/**
 * The recipe a request applies: its options plus the fingerprint of the active eval sets. Extra eval files are
 * added as eval sets first (they stay active: contamination is enforced everywhere, not per run). The eval sets are
 * read once here; callers keep the result for the whole run or export.
 */
export async function prepareRecipe(opts: AssemblyOptions, evalFiles: string[] = []): Promise<{ recipe: RecipeBase; evalGrams: EvalGrams }> {
  let added = false;
  for (const f of evalFiles) added = (await registerEvalSet(f)).added || added;
  // a new eval set: every corpus is checked against the new active sets now, not only the ones this run reads
  if (added) await decontaminateAll();
  const evalGrams = await activeEvalGrams();
  return {
    recipe: { minTokens: opts.minTokens, maxTokens: opts.maxTokens, shortRatio: opts.shortRatio, seed: String(opts.seed), evalFingerprint: evalGrams.fingerprint },
    evalGrams,
  };
}

/**
 * Assembles pairs into one run with one recipe, batch after batch, sharing the filler pools (their eligible lists
 * are loaded once per corpus). Used by the assemble job and by exports that meet pairs without a matching context.
 */
export class Assembler {
  private readonly sources = new FillerSources();

  constructor(readonly runId: number, readonly recipe: RecipeBase) {}

  async assemble(pairIds: number[]): Promise<{ contextOf: Map<number, number>; result: BatchResult }> {
    const result = await this.assembleOnly(await loadPairInputs(pairIds));
    return { contextOf: await this.store(result), result };
  }

  /**
   * Assembles loaded pairs without storing (a run pipelines: it stores one batch while it assembles the next);
   * `next`, the coming batch's prefetched fillers, is kept when the cache is trimmed.
   */
  async assembleOnly(inputs: PairInput[], next?: Prefetched): Promise<BatchResult> {
    const result = await assembleBatch(inputs, this.recipe, this.sources);
    await this.sources.trim(undefined, next?.ids);
    return result;
  }

  /** Sends for a coming batch's fillers (prefetchFillers) so they arrive while the current batch is assembled. */
  prefetch(inputs: PairInput[]): Promise<Prefetched> {
    return prefetchFillers(inputs, this.recipe, this.sources);
  }

  /** Stores a batch's contexts; with `ids: false` the pair → context id map is not read back. */
  store(result: BatchResult, opts: { ids?: boolean } = { ids: true }): Promise<Map<number, number>> {
    return insertContexts(this.runId, result.contexts, opts);
  }
}
