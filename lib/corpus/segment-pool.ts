import { Worker } from "node:worker_threads";
import { cutDocuments, readCut, type CutDoc } from "./cut";
import { segmentThreadBundle } from "./segment-thread-bundle";

/**
 * Cuts documents off the main thread (issue 14 lever): segmentation and token counting (~0.08 CPU-s per MB) run
 * in a worker thread while the main thread reads, hashes and writes with COPY, so on two cores the tokenizer and
 * PostgreSQL work at the same time as the writer. Batches are answered in the order they were sent.
 * A small import cuts in-process instead (same output: the thread runs the same function).
 */
export interface Cutter { cut(texts: string[]): Promise<CutDoc[]>; close(): Promise<void> }

/**
 * Seconds the segmentation thread sat with no batch to cut, between its first batch and its close (the pipeline's
 * stall: the thread is the import's slowest stage, so each idle second is a second of wall time), and batches cut.
 * Process-wide totals, read by bench:import.
 */
export const cutterStats = { idleSeconds: 0, batches: 0 };

/**
 * Whether an import of `bytes` cuts in a thread: `IN2_IMPORT_THREAD` = 0 never, 1 always; by default from 8 MB on
 * (starting the thread and its tokenizer costs ~1 s, more than it saves on a small file).
 */
export function useThread(bytes: number): boolean {
  const v = process.env.IN2_IMPORT_THREAD;
  return v === "1" || (v !== "0" && bytes >= 8 * 1024 * 1024);
}

export async function startCutter(tokenizer: string, maxParagraphTokens: number, bytes: number): Promise<Cutter> {
  const bound = Number.isFinite(maxParagraphTokens) ? maxParagraphTokens : null;
  if (!useThread(bytes)) return inProcess(tokenizer, maxParagraphTokens);
  // a bounded heap: the thread holds the tokenizer (its chunk cache is in typed arrays, outside the heap), and V8
  // would otherwise grow it lazily next to the main thread's (peak RSS 465 MB at 72 MB without a bound, against
  // < 400 MB wanted). 96 MB old, 8 MB young: cutting the worst batch, one 8 MB document, peaks at 55 MB of heap (measured)
  const entry = (await segmentThreadBundle()) ?? new URL("./segment-thread.mjs", import.meta.url);
  const worker = new Worker(entry, {
    workerData: { tokenizer, maxParagraphTokens: bound }, resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 },
  });
  const pending = new Map<number, { ok: (d: Int32Array) => void; fail: (e: Error) => void }>();
  let broken: Error | null = null;
  const failAll = (err: Error) => {
    broken ??= err;
    for (const p of pending.values()) p.fail(broken);
    pending.clear();
  };
  await new Promise<void>((ok, fail) => {
    worker.once("error", fail);
    worker.once("message", (m: { ready: boolean; error?: string }) => {
      worker.off("error", fail);
      if (m.ready) ok();
      else void worker.terminate().finally(() => fail(new Error(m.error)));
    });
  });
  worker.on("message", (m: { id: number; nums?: Int32Array; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (!pending.size) idleSince = performance.now();
    if (m.error !== undefined) p.fail(new Error(m.error));
    else p.ok(m.nums!);
  });
  worker.on("error", (e) => failAll(e));
  worker.on("exit", (code) => failAll(new Error(`the segmentation thread stopped (exit code ${code})`)));
  let next = 0;
  let idleSince = -1;
  return {
    cut(texts) {
      if (broken) return Promise.reject(broken);
      const id = next++;
      if (idleSince >= 0) cutterStats.idleSeconds += (performance.now() - idleSince) / 1000;
      idleSince = -1;
      cutterStats.batches++;
      return new Promise<Int32Array>((ok, fail) => {
        pending.set(id, { ok, fail });
        worker.postMessage({ id, texts });
      }).then((nums) => readCut(texts, nums));
    },
    async close() {
      broken ??= new Error("the segmentation thread was closed");
      await worker.terminate();
    },
  };
}

function inProcess(tokenizer: string, maxParagraphTokens: number): Cutter {
  return { cut: async (texts) => readCut(texts, await cutDocuments(tokenizer, maxParagraphTokens, texts)), close: async () => {} };
}
