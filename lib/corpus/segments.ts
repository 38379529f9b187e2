import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { headlineSql } from "@/lib/search/highlight";
import { segmentMatchSql } from "@/lib/search/segment-match";
import { walkPage, type WalkRow } from "@/lib/random/seeded-walk";

export interface SegmentListItem {
  id: number; documentId: number; corpusId: number; index: number; tokenCount: number;
  charStart: number; charEnd: number;
  /** the first characters, or when searching an excerpt around the hits, marked as lib/search/highlight.ts says */
  preview: string;
}
export interface SegmentFilter { corpusId?: number; minTokens?: number; maxTokens?: number; q?: string }

const PREVIEW_CHARS = 280;

/** Builds the WHERE clause shared by list, dump and sample; `$1…$4` are the filter values. */
function where(f: SegmentFilter): { sql: string; args: unknown[] } {
  return {
    sql: `($1::int IS NULL OR s.corpus_id = $1) AND ($2::int IS NULL OR s.token_count >= $2)
      AND ($3::int IS NULL OR s.token_count <= $3)
      AND ($4::text IS NULL OR ${segmentMatchSql("s", "websearch_to_tsquery('english', $4)")})`,
    args: [f.corpusId ?? null, f.minTokens ?? null, f.maxTokens ?? null, f.q?.trim() || null],
  };
}

/** A keyset page (by id): fast at any depth, never drags the full text along. */
export async function listSegments(f: SegmentFilter & { after?: number; limit?: number }): Promise<{ items: SegmentListItem[]; next: number | null }> {
  const limit = Math.min(f.limit ?? 50, 500);
  const w = where(f);
  const { rows } = await pool().query<SegmentListItem>(
    `SELECT s.id, s.document_id AS "documentId", s.corpus_id AS "corpusId", s.index, s.token_count AS "tokenCount",
       s.char_start AS "charStart", s.char_end AS "charEnd",
       CASE WHEN $4::text IS NULL THEN left(s.text, ${PREVIEW_CHARS}) ELSE ${headlineSql("s.text", "$4")} END AS preview
     FROM segment s WHERE ${w.sql} AND s.id > $5 ORDER BY s.id LIMIT $6`,
    [...w.args, f.after ?? 0, limit]);
  return { items: rows, next: rows.length === limit ? rows[rows.length - 1]!.id : null };
}

/**
 * N segments drawn at random but reproducibly: the seeded walk of lib/random/seeded-walk.ts over the segments'
 * content hashes (key_hash of "<document sha256>:<index>", never the id), an index range scan per corpus from the
 * seed's start point, so a sample costs N index entries however large the corpus. The same seed and corpus file
 * give the same sample in any database, whatever order the import wrote the rows in; another seed another sample.
 * It is also the order in which a single-segment generation with the same seed picks its segments.
 */
export async function sampleSegments(f: SegmentFilter & { n: number; seed: number }): Promise<SegmentListItem[]> {
  if (f.n < 1 || f.n > 10_000) throw new AppError("bad_request", "sample size must be between 1 and 10000");
  const w = where(f);
  const rows = await walkPage(f.seed, null, f.n, async (arc, _after, limit) => (await pool().query<SegmentListItem & WalkRow>(
    // One index walk per corpus (the index is (corpus_id, key_hash)), merged: a handful of corpora, N rows each.
    `SELECT x.* FROM corpus c CROSS JOIN LATERAL (
       SELECT s.id, s.document_id AS "documentId", s.corpus_id AS "corpusId", s.index, s.token_count AS "tokenCount",
         s.char_start AS "charStart", s.char_end AS "charEnd", left(s.text, ${PREVIEW_CHARS}) AS preview,
         s.key_hash AS kh, s.key_hash::text AS h, d.sha256 || ':' || s.index AS k
       FROM segment s JOIN document d ON d.id = s.document_id
       WHERE s.corpus_id = c.id AND ${w.sql} AND s.key_hash BETWEEN $5::bigint AND $6::bigint
       ORDER BY s.key_hash, (d.sha256 || ':' || s.index) COLLATE "C", s.id LIMIT $7) x
     WHERE ($1::int IS NULL OR c.id = $1)
     ORDER BY x.kh, x.k COLLATE "C", x.id LIMIT $7`,
    [...w.args, arc.lo, arc.hi, limit])).rows);
  return rows.map(({ id, documentId, corpusId, index, tokenCount, charStart, charEnd, preview }) =>
    ({ id, documentId, corpusId, index, tokenCount, charStart, charEnd, preview }));
}

export interface SegmentFull {
  id: number; document_id: number; corpus: string; index: number; text: string; token_count: number; char_start: number; char_end: number;
  /** what stood before this segment in the document: its segments' sep_before + text, in index order, rebuild it */
  sep_before: string;
}

/** Every matching segment with its text, in id order, fetched in keyset batches (bounded memory). */
export async function* streamSegments(f: SegmentFilter, batch = 2000): AsyncGenerator<SegmentFull> {
  const w = where(f);
  let after = 0;
  for (;;) {
    const { rows } = await pool().query<SegmentFull>(
      `SELECT s.id, s.document_id, c.name AS corpus, s.index, s.text, s.token_count, s.char_start, s.char_end, s.sep_before
       FROM segment s JOIN corpus c ON c.id = s.corpus_id WHERE ${w.sql} AND s.id > $5 ORDER BY s.id LIMIT $6`,
      [...w.args, after, batch]);
    yield* rows;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}
