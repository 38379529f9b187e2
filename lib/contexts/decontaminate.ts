import { pool } from "@/lib/db/client";
import { activeEvalGrams, registerEvalSet, type EvalGrams } from "./eval-sets";
import { overlaps } from "./ngrams";

const BATCH = 500;

export interface DecontaminationReport {
  corpusId: number;
  fingerprint: string;
  /** documents checked in this pass (earlier passes with the same eval set are not repeated) */
  checked: number;
  /** documents newly marked in this pass */
  newlyContaminated: number;
  /** documents of the corpus marked contaminated in total (by any eval set) */
  contaminatedTotal: number;
  /** the highest document id checked against this eval set: later passes start after it */
  checkedThrough: number;
}

/** Where an earlier pass with the same eval sets stopped. */
async function watermark(corpusId: number, fingerprint: string): Promise<number> {
  const { rows } = await pool().query<{ through: number }>(
    `SELECT checked_through AS through FROM decontamination WHERE corpus_id = $1 AND fingerprint = $2`, [corpusId, fingerprint]);
  return rows[0]?.through ?? 0;
}

async function saveWatermark(corpusId: number, fingerprint: string, through: number): Promise<void> {
  await pool().query(
    `INSERT INTO decontamination (corpus_id, fingerprint, checked_through) VALUES ($1, $2, $3)
     ON CONFLICT (corpus_id, fingerprint) DO UPDATE SET checked_through = GREATEST(decontamination.checked_through, EXCLUDED.checked_through),
       updated_at = now()`, [corpusId, fingerprint, through]);
}

/**
 * Marks every document of the corpus that shares a 10-gram with the eval set as contaminated: it is then used
 * neither for questions nor as filler. Streams documents in id order; documents an earlier pass with the same
 * eval set already checked are skipped, so re-running assembly does not rescan millions of texts.
 */
export async function decontaminateCorpus(
  corpusId: number,
  evalGrams: EvalGrams,
  opts: { signal?: AbortSignal; onProgress?: (checked: number) => void } = {},
): Promise<DecontaminationReport> {
  let after = await watermark(corpusId, evalGrams.fingerprint);
  let checked = 0;
  let newlyContaminated = 0;
  for (;;) {
    opts.signal?.throwIfAborted();
    const { rows } = await pool().query<{ id: number; text: string; contaminated: boolean }>(
      `SELECT id, text, contaminated FROM document WHERE corpus_id = $1 AND id > $2 ORDER BY id LIMIT $3`, [corpusId, after, BATCH]);
    if (rows.length === 0) break;
    const hits = rows.filter((r) => !r.contaminated && overlaps(r.text, evalGrams.grams)).map((r) => r.id);
    if (hits.length) await pool().query(`UPDATE document SET contaminated = true WHERE id = ANY($1::int[])`, [hits]);
    newlyContaminated += hits.length;
    checked += rows.length;
    after = rows[rows.length - 1]!.id;
    await saveWatermark(corpusId, evalGrams.fingerprint, after);
    opts.onProgress?.(checked);
  }
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM document WHERE corpus_id = $1 AND contaminated`, [corpusId]);
  return { corpusId, fingerprint: evalGrams.fingerprint, checked, newlyContaminated, contaminatedTotal: rows[0]?.n ?? 0, checkedThrough: after };
}

/** Decontaminates each corpus once per run; the reports go into the run's stats. */
export async function decontaminateCorpora(
  corpusIds: number[],
  evalGrams: EvalGrams,
  opts: { signal?: AbortSignal; onProgress?: (checked: number) => void } = {},
): Promise<DecontaminationReport[]> {
  const reports: DecontaminationReport[] = [];
  for (const id of [...new Set(corpusIds)].sort((a, b) => a - b)) reports.push(await decontaminateCorpus(id, evalGrams, opts));
  return reports;
}

/**
 * Checks every corpus against the active eval sets (documents not yet checked against exactly these sets):
 * run after an import and whenever an eval set is added, so contaminated documents are marked before anyone
 * generates from them or draws them as fillers.
 */
export async function decontaminateAll(
  opts: { corpusIds?: number[]; signal?: AbortSignal; onProgress?: (checked: number) => void } = {},
): Promise<DecontaminationReport[]> {
  const grams = await activeEvalGrams();
  const ids = opts.corpusIds ?? (await pool().query<{ id: number }>(`SELECT id FROM corpus ORDER BY id`)).rows.map((r) => r.id);
  return decontaminateCorpora(ids, grams, opts);
}

/** Adds an eval set (a file) and re-checks every corpus against the new active sets. */
export async function addEvalSet(file: string, opts: { signal?: AbortSignal } = {}) {
  const set = await registerEvalSet(file);
  const reports = await decontaminateAll(opts);
  return { ...set, reports };
}
