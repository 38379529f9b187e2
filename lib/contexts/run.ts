import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import type { BatchResult } from "./assemble-batch";
import { Assembler, prepareRecipe } from "./assembler";
import { loadPairInputs } from "./inputs";
import { chunkTotals, claimChunk, emptyStats, finishChunk, heartbeatChunk, openChunks, planChunks, releaseChunk, workerName, type Chunk, type ChunkStats } from "./chunks";
import { decontaminateCorpora, type DecontaminationReport } from "./decontaminate";
import { runRecipe, type RecipeBase } from "./recipe";
import { countSelection, corporaOfSelection, nextPairIds, type Selection } from "./selection";
import { getRun, mergeRunParams, mergeRunStats } from "./store";
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
  /** the name this worker claims chunks under (default: host, pid and a random part) */
  worker?: string;
  /** pairs per chunk (default: chunkSize(total)); tests use small chunks to make workers share */
  chunkPairs?: number;
}

/**
 * Decontaminates the selected pairs' corpora, splits the selection into chunks (once per run), then assembles
 * chunk after chunk until none is left, and waits for chunks other workers hold (joinAssembly). Resumable: a
 * second call continues where the first stopped (pairs with a context in this run are skipped by the query, and
 * a chunk given back or abandoned is claimed again). Exactly once: context is unique on (run, pair).
 */
export async function runAssembly(runId: number, sel: Selection, opts: AssemblyOptions, o: RunOptions = {}): Promise<RunSummary> {
  const report = (p: RunProgress) => o.onProgress?.(p);
  const { total, recipe, decontamination, evalSets } = await startRun(runId, sel, opts, o);
  await workRun(runId, sel, recipe, { ...o, waitForOthers: true, onBatch: async (mine) =>
    report({ done: await storedCount(runId), total, failed: mine.failed, counters: {
      contaminatedPairs: mine.contaminatedPairs, leakyFillersRejected: mine.leakyFillersRejected, failuresByCode: mine.failuresByCode } }) });

  const kinds = await kindCounts(runId);
  const t = await chunkTotals(runId);
  // the last batch is stored after its progress was reported (pipelined): report the final count
  await report({ done: kinds.long + kinds.short, total, failed: t.failed, counters: {
    contaminatedPairs: t.contaminatedPairs, leakyFillersRejected: t.leakyFillersRejected, failuresByCode: t.failuresByCode } });
  const summary: RunSummary = {
    runId, requested: total, assembled: kinds.long + kinds.short, long: kinds.long, short: kinds.short, failed: t.failed,
    failuresByCode: t.failuresByCode, failureSamples: t.failureSamples, contaminatedPairs: t.contaminatedPairs,
    leakyFillersRejected: t.leakyFillersRejected, decontamination, evalSets, recipe,
  };
  await mergeRunStats(runId, { summary });
  return summary;
}

/**
 * A run's start, once per run and before any worker works it: decontaminates the selected pairs' corpora, records
 * the recipe and the selection (other workers join with exactly these) and splits the selection into chunks.
 */
export async function startRun(runId: number, sel: Selection, opts: AssemblyOptions, o: RunOptions = {}) {
  const total = await countSelection(sel);
  await o.onProgress?.({ done: 0, total, failed: 0, counters: {}, message: "decontaminating" });
  const { recipe, evalGrams } = await prepareRecipe(opts, o.evalFiles);
  const decontamination = await decontaminateCorpora(await corporaOfSelection(sel), evalGrams, { signal: o.signal });
  await planChunks(runId, sel, total, o.chunkPairs);
  await mergeRunStats(runId, { decontamination, evalSets: evalGrams.sources });
  // last: a joining worker waits for the recipe, and by then the chunks exist
  await mergeRunParams(runId, { recipe, selection: sel });
  return { total, recipe, decontamination, evalSets: evalGrams.sources };
}

/**
 * Another worker's share of a run that runAssembly started (here or on another machine): claims its chunks until
 * none is left, with the run's stored recipe and selection, so its contexts are the very ones the first worker
 * would have made. Returns what this worker did.
 */
export async function joinAssembly(runId: number, o: Pick<RunOptions, "signal" | "worker"> = {}): Promise<{ chunks: number; assembled: number }> {
  const run = await getRun(runId);
  if (!run) throw new AppError("not_found", `assembly run ${runId} does not exist`);
  const recipe = runRecipe(run.params, run.seed);
  const sel = run.params.selection as Selection | undefined;
  if (recipe.evalFingerprint === null || !sel) throw new AppError("conflict", `assembly run ${runId} has not started yet: join it once its job runs`);
  return workRun(runId, sel, { ...recipe, evalFingerprint: recipe.evalFingerprint }, { ...o, waitForOthers: false });
}

interface WorkOptions extends RunOptions {
  waitForOthers: boolean;
  onBatch?: (mine: ChunkStats) => Promise<void>;
}

async function workRun(runId: number, sel: Selection, recipe: RecipeBase, o: WorkOptions): Promise<{ chunks: number; assembled: number }> {
  const worker = o.worker ?? workerName();
  const assembler = new Assembler(runId, recipe);
  const mine = emptyStats();
  let chunks = 0;
  let assembled = 0;
  for (;;) {
    o.signal?.throwIfAborted();
    const chunk = await claimChunk(runId, worker);
    if (!chunk) {
      if (!o.waitForOthers || (await openChunks(runId)) === 0) break;
      // other workers hold the rest; a stopped one's chunk becomes claimable when its lease runs out
      await sleep(1000, o.signal);
      await o.onBatch?.(mine);
      continue;
    }
    try {
      assembled += await workChunk(chunk, sel, assembler, worker, mine, o);
      chunks++;
    } catch (err) {
      await releaseChunk(chunk, worker).catch(() => {});
      throw err;
    }
  }
  return { chunks, assembled };
}

/**
 * One chunk, batch after batch, pipelined: while batch k is assembled (CPU here), PostgreSQL stores batch k−1,
 * reads the fillers batch k+1 drew (prefetchFillers) and the ids and inputs of batch k+2. At most one insert is in
 * flight, so memory stays a few batches.
 */
async function workChunk(chunk: Chunk, sel: Selection, assembler: Assembler, worker: string, mine: ChunkStats, o: WorkOptions): Promise<number> {
  const stats = emptyStats();
  let assembled = 0;
  let storing: Promise<boolean> = Promise.resolve(true);
  const read = (after: number) => nextPairIds(chunk.runId, sel, after, BATCH, chunk.throughId)
    .then(async (ids) => ({ ids, inputs: ids.length > 0 ? await loadPairInputs(ids) : [] }));
  let cur = await read(chunk.afterId);
  let curFillers = cur.ids.length > 0 ? await assembler.prefetch(cur.inputs) : null;
  let upcoming = cur.ids.length > 0 ? read(cur.ids[cur.ids.length - 1]!) : null;
  upcoming?.catch(() => {}); // awaited on the next turn; a failure surfaces there
  while (cur.ids.length > 0) {
    const next = await upcoming!;
    upcoming = next.ids.length > 0 ? read(next.ids[next.ids.length - 1]!) : null;
    upcoming?.catch(() => {});
    const nextFillers = next.ids.length > 0 ? await assembler.prefetch(next.inputs) : undefined;
    await curFillers?.done;
    const res = await assembler.assembleOnly(cur.inputs, nextFillers);
    if (!(await storing)) return assembled; // another worker took the chunk over (this one was presumed dead)
    for (const s of [stats, mine]) add(s, res);
    assembled += res.contexts.length;
    const snapshot = JSON.parse(JSON.stringify(stats)) as ChunkStats;
    storing = assembler.store(res, { ids: false }).then(() => heartbeatChunk(chunk, worker, snapshot));
    storing.catch(() => {});
    await o.onBatch?.(mine);
    o.signal?.throwIfAborted();
    cur = next;
    curFillers = nextFillers ?? null;
  }
  if (await storing) await finishChunk(chunk, worker, stats);
  return assembled;
}

function add(s: ChunkStats, res: BatchResult): void {
  s.failed += res.failures.length + res.contaminated;
  s.contaminatedPairs += res.contaminated;
  s.leakyFillersRejected += res.leakyFillersRejected;
  for (const f of res.failures) {
    s.failuresByCode[f.code] = (s.failuresByCode[f.code] ?? 0) + 1;
    if (s.failureSamples.length < 20) s.failureSamples.push(f);
  }
  if (res.contaminated) s.failuresByCode.contaminated = (s.failuresByCode.contaminated ?? 0) + res.contaminated;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { signal?.removeEventListener("abort", onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(signal?.reason); };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

async function storedCount(runId: number): Promise<number> {
  const { rows } = await pool().query<{ n: number }>(`SELECT context_count AS n FROM assembly_run WHERE id = $1`, [runId]);
  return rows[0]?.n ?? 0;
}

async function kindCounts(runId: number): Promise<{ long: number; short: number }> {
  const { rows } = await pool().query<{ long: number; short: number }>(
    `SELECT count(*) FILTER (WHERE kind = 'long')::int AS long, count(*) FILTER (WHERE kind = 'short')::int AS short
     FROM context WHERE run_id = $1`, [runId]);
  return rows[0] ?? { long: 0, short: 0 };
}
