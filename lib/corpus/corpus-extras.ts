import { pool } from "@/lib/db/client";
import { SEGMENT_FLOOR } from "./floor";
import type { Skip } from "./importer";

/** What the latest finished import into a corpus did, kept on the corpus page after its job ends. */
export interface LastImport {
  jobId: number; finishedAt: string | null; imported: number; duplicates: number; segments: number;
  skippedTotal: number; skipped: Skip[];
}

export interface CorpusExtras { shortDocuments: number; lastImport: LastImport | null }

const SKIPS_SHOWN = 50;

/**
 * Per corpus: how many documents were shorter than 128 tokens (kept whole as one segment; partial index), and
 * the latest successful import's summary (from its job's result: duplicates, skipped lines by number).
 */
export async function corpusExtras(): Promise<Map<number, CorpusExtras>> {
  const [short, imports] = await Promise.all([
    pool().query<{ corpusId: number; n: number }>(
      `SELECT corpus_id AS "corpusId", count(*)::int AS n FROM segment WHERE token_count < ${SEGMENT_FLOOR} GROUP BY corpus_id`),
    pool().query<{ corpusId: number; jobId: number; finishedAt: string | null; result: Record<string, unknown> }>(
      `SELECT DISTINCT ON ((result->>'corpusId')::int) (result->>'corpusId')::int AS "corpusId", id AS "jobId",
         finished_at AS "finishedAt", result
       FROM job WHERE kind = 'import' AND status = 'succeeded' AND result ? 'corpusId'
       ORDER BY (result->>'corpusId')::int, id DESC`),
  ]);
  const out = new Map<number, CorpusExtras>();
  const get = (id: number) => out.get(id) ?? out.set(id, { shortDocuments: 0, lastImport: null }).get(id)!;
  for (const r of short.rows) get(r.corpusId).shortDocuments = r.n;
  for (const r of imports.rows) {
    const s = r.result as { documents?: { imported?: number; duplicates?: number }; segments?: number; skipped?: Skip[]; skippedTotal?: number };
    get(r.corpusId).lastImport = {
      jobId: r.jobId, finishedAt: r.finishedAt, imported: s.documents?.imported ?? 0, duplicates: s.documents?.duplicates ?? 0,
      segments: s.segments ?? 0, skippedTotal: s.skippedTotal ?? 0, skipped: (s.skipped ?? []).slice(0, SKIPS_SHOWN),
    };
  }
  return out;
}
