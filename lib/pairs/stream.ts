import { pool } from "@/lib/db/client";

/** One pair as `in2 pairs --jsonl` prints it. */
export interface PairLine {
  id: number; type: string; question: string; answer: string; support: string[]; status: string; version: number;
  evidence: { segment_id: number; document_id: number; piece: number }[];
  provider: string; model: string; prompt_version: string; quality_flags: unknown[]; created_at: string; updated_at: string;
}

export interface PairStreamFilter { status?: string; type?: string; jobId?: number; corpusId?: number }

/** Every matching pair in id order, fetched in keyset batches (bounded memory at any size). */
export async function* streamPairs(f: PairStreamFilter, batch = 1000): AsyncGenerator<PairLine> {
  let after = 0;
  for (;;) {
    const { rows } = await pool().query<PairLine>(
      `SELECT p.id, p.type, p.question, p.answer, p.support, p.status, p.version,
         (SELECT coalesce(json_agg(json_build_object('segment_id', e.segment_id, 'document_id', e.document_id, 'piece', e.piece) ORDER BY e.piece), '[]')
          FROM pair_evidence e WHERE e.pair_id = p.id) AS evidence,
         p.provider, p.model, p.prompt_version, p.quality_flags, p.created_at, p.updated_at
       FROM pair p
       WHERE p.id > $1 AND ($2::text IS NULL OR p.status::text = $2) AND ($3::text IS NULL OR p.type::text = $3)
         AND ($4::int IS NULL OR p.job_id = $4) AND ($5::int IS NULL OR p.corpus_id = $5)
       ORDER BY p.id LIMIT $6`,
      [after, f.status ?? null, f.type ?? null, f.jobId ?? null, f.corpusId ?? null, batch]);
    yield* rows;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}
