import { ensureIndexes, maybeDeferIndexes } from "@/lib/corpus/search-index";
import { pool } from "@/lib/db/client";

/**
 * Grows an imported corpus to at least `minSegments` segments, set-based in PostgreSQL (no text passes through
 * Node): copy k of every document gets id `id + k·stride` and the sha256 of "<sha256>:copy:<k>", so its segments
 * find their document without a lookup, and every key (document sha256, segment key_hash) stays content-derived
 * and unique. Texts repeat the originals: real C4 prose with its real token counts, which is what assembly and
 * export read. The secondary indexes are dropped first and built once at the end, by the importer's own
 * mechanism (lib/corpus/search-index.ts), as a big import does; that build is timed apart.
 */
export async function replicateCorpus(corpusId: number, minSegments: number, log: (line: string) => void = () => {}):
  Promise<{ copies: number; documents: number; segments: number; seconds: number; indexSeconds: number }> {
  const t0 = performance.now();
  const { rows: [base] } = await pool().query<{ docs: number; segs: number; tokens: string; stride: number }>(
    `SELECT (SELECT count(*)::int FROM document WHERE corpus_id = $1) docs, (SELECT count(*)::int FROM segment WHERE corpus_id = $1) segs,
       (SELECT coalesce(sum(token_count), 0)::text FROM document WHERE corpus_id = $1) tokens, (SELECT coalesce(max(id), 0)::int FROM document) stride`, [corpusId]);
  const { docs, segs, stride } = base!;
  if (segs === 0) throw new Error(`corpus ${corpusId} has no segments to replicate`);
  const copies = Math.max(0, Math.ceil(minSegments / segs) - 1);
  // "bytes" far above the threshold: the importer's rule then defers every non-unique index of document and segment
  await maybeDeferIndexes(Number.MAX_SAFE_INTEGER);
  const { rows: [last] } = await pool().query<{ id: number }>(`SELECT coalesce(max(id), 0)::int id FROM document WHERE corpus_id = $1`, [corpusId]);
  const chunk = Math.max(1, Math.floor(2_000_000 / segs));
  for (let from = 1; from <= copies; from += chunk) {
    const to = Math.min(copies, from + chunk - 1);
    await pool().query(
      `INSERT INTO document (id, corpus_id, sha256, text, meta, char_count, token_count, segment_count, source_file, source_line, contaminated, created_at)
       SELECT d.id + k * $2::int, d.corpus_id, encode(sha256(convert_to(d.sha256 || ':copy:' || k, 'UTF8')), 'hex'), d.text, d.meta,
         d.char_count, d.token_count, d.segment_count, d.source_file, d.source_line, d.contaminated, d.created_at
       FROM document d CROSS JOIN generate_series($3::int, $4::int) k WHERE d.corpus_id = $1 AND d.id <= $5`,
      [corpusId, stride, from, to, last!.id]);
    await pool().query(
      `INSERT INTO segment (document_id, corpus_id, index, text, token_count, char_start, char_end, sep_before, key_hash)
       SELECT s.document_id + k * $2::int, s.corpus_id, s.index, s.text, s.token_count, s.char_start, s.char_end, s.sep_before,
         hashtextextended(encode(sha256(convert_to(d.sha256 || ':copy:' || k, 'UTF8')), 'hex') || ':' || s.index, 0)
       FROM segment s JOIN document d ON d.id = s.document_id CROSS JOIN generate_series($3::int, $4::int) k
       WHERE s.corpus_id = $1 AND s.document_id <= $5`,
      [corpusId, stride, from, to, last!.id]);
    log(`replicated copies ${from}–${to} of ${copies} (${((to + 1) * segs).toLocaleString()} segments)`);
  }
  await pool().query(`SELECT setval('document_id_seq', (SELECT max(id) FROM document))`);
  await pool().query(
    `UPDATE corpus SET document_count = $2, segment_count = $3, token_count = $4::bigint WHERE id = $1`,
    [corpusId, docs * (copies + 1), segs * (copies + 1), (BigInt(base!.tokens) * BigInt(copies + 1)).toString()]);
  const written = (performance.now() - t0) / 1000;
  log(`building the deferred indexes (full-text and btrees) over ${(segs * (copies + 1)).toLocaleString()} segments…`);
  const indexSeconds = await ensureIndexes();
  for (const t of ["document", "segment"]) await pool().query(`VACUUM ANALYZE ${t}`);
  return { copies, documents: docs * (copies + 1), segments: segs * (copies + 1), seconds: written, indexSeconds };
}
