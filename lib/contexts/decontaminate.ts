import { pool } from "@/lib/db/client";
import type { EvalGrams } from "./eval-sets";
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

/** Where an earlier pass with the same eval set stopped (recorded in assembly_run.stats.decontamination). */
async function watermark(corpusId: number, fingerprint: string): Promise<number> {
  const { rows } = await pool().query<{ through: number | null }>(
    `SELECT max((d->>'checkedThrough')::int) AS through
     FROM assembly_run r, jsonb_array_elements(CASE WHEN jsonb_typeof(r.stats->'decontamination') = 'array'
                                                    THEN r.stats->'decontamination' ELSE '[]'::jsonb END) d
     WHERE d->>'fingerprint' = $1 AND (d->>'corpusId')::int = $2`,
    [fingerprint, corpusId]);
  return rows[0]?.through ?? 0;
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
