import { pool } from "@/lib/db/client";
import { Assembler, prepareRecipe } from "./assembler";
import { decontaminateCorpora, type DecontaminationReport } from "./decontaminate";
import type { RecipeBase } from "./recipe";
import { countSelection, corporaOfSelection, nextPairIds, type Selection } from "./selection";
import { mergeRunParams, mergeRunStats } from "./store";
import type { AssemblyFailure, AssemblyOptions } from "./types";

/** Pairs per batch: bounded memory (their source documents and ~200 fillers each) and one insert per batch. */
const BATCH = 200;

export interface RunProgress {
  done: number;
  total: number;
  failed: number;
  counters: Record<string, unknown>;
  message?: string;
}

export interface RunSummary {
  runId: number;
  requested: number;
  assembled: number;
  long: number;
  short: number;
  failed: number;
  failuresByCode: Record<string, number>;
  failureSamples: AssemblyFailure[];
  /** selected pairs skipped because their document overlaps an evaluation set */
  contaminatedPairs: number;
  leakyFillersRejected: number;
  decontamination: DecontaminationReport[];
  evalSets: { name: string; texts: number }[];
  /** the recipe every context of this run was assembled with */
  recipe: RecipeBase;
}

export interface RunOptions {
  /** extra evaluation sets (files) on top of the VaL Probing pieces */
  evalFiles?: string[];
  signal?: AbortSignal;
  onProgress?: (p: RunProgress) => void | Promise<void>;
}

/**
 * Decontaminates the selected pairs' corpora, then assembles every selected pair that has no context in this
 * run yet, batch by batch. Resumable: a second call continues where the first stopped (finished pairs are skipped
 * by the query, not remembered in memory).
 */
export async function runAssembly(runId: number, sel: Selection, opts: AssemblyOptions, o: RunOptions = {}): Promise<RunSummary> {
  const total = await countSelection(sel);
  const report = (p: RunProgress) => o.onProgress?.(p);
  await report({ done: 0, total, failed: 0, counters: {}, message: "decontaminating" });
  const { recipe, evalGrams } = await prepareRecipe(opts, o.evalFiles);
  const decontamination = await decontaminateCorpora(await corporaOfSelection(sel), evalGrams, { signal: o.signal });
  await mergeRunParams(runId, { recipe });
  await mergeRunStats(runId, { decontamination, evalSets: evalGrams.sources });

  const assembler = new Assembler(runId, recipe);
  const failuresByCode: Record<string, number> = {};
  const failureSamples: AssemblyFailure[] = [];
  let contaminatedPairs = 0;
  let leaky = 0;
  let failed = 0;
  let done = await storedCount(runId);
  for (let after = 0; ; ) {
    o.signal?.throwIfAborted();
    const ids = await nextPairIds(runId, sel, after, BATCH);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    const { result: res } = await assembler.assemble(ids);
    done += res.contexts.length;
    contaminatedPairs += res.contaminated;
    leaky += res.leakyFillersRejected;
    failed += res.failures.length + res.contaminated;
    for (const f of res.failures) {
      failuresByCode[f.code] = (failuresByCode[f.code] ?? 0) + 1;
      if (failureSamples.length < 20) failureSamples.push(f);
    }
    if (res.contaminated) failuresByCode.contaminated = (failuresByCode.contaminated ?? 0) + res.contaminated;
    await report({ done, total, failed, counters: { contaminatedPairs, leakyFillersRejected: leaky, failuresByCode } });
  }
  const kinds = await kindCounts(runId);
  const summary: RunSummary = {
    runId, requested: total, assembled: kinds.long + kinds.short, long: kinds.long, short: kinds.short, failed, failuresByCode,
    failureSamples, contaminatedPairs, leakyFillersRejected: leaky, decontamination, evalSets: evalGrams.sources, recipe,
  };
  await mergeRunStats(runId, { summary });
  return summary;
}

async function storedCount(runId: number): Promise<number> {
  const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM context WHERE run_id = $1`, [runId]);
  return rows[0]?.n ?? 0;
}

async function kindCounts(runId: number): Promise<{ long: number; short: number }> {
  const { rows } = await pool().query<{ long: number; short: number }>(
    `SELECT count(*) FILTER (WHERE kind = 'long')::int AS long, count(*) FILTER (WHERE kind = 'short')::int AS short
     FROM context WHERE run_id = $1`, [runId]);
  return rows[0] ?? { long: 0, short: 0 };
}
