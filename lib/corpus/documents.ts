import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { headlineSql } from "@/lib/search/highlight";
import { segmentMatchSql } from "@/lib/search/segment-match";

export interface DocumentListItem {
  id: number; corpusId: number; preview: string; url: string | null; charCount: number; tokenCount: number; segmentCount: number;
}
export interface DocumentFilter { corpusId?: number; q?: string }

function where(f: DocumentFilter) {
  return {
    sql: `($1::int IS NULL OR d.corpus_id = $1)
      AND ($2::text IS NULL OR d.id IN (SELECT s.document_id FROM segment s
        WHERE ${segmentMatchSql("s", "websearch_to_tsquery('english', $2)")}))`,
    args: [f.corpusId ?? null, f.q?.trim() || null],
  };
}

export async function listDocuments(f: DocumentFilter & { after?: number; limit?: number }): Promise<{ items: DocumentListItem[]; next: number | null }> {
  const limit = Math.min(f.limit ?? 50, 500);
  const w = where(f);
  const { rows } = await pool().query<DocumentListItem>(
    `SELECT d.id, d.corpus_id AS "corpusId",
       CASE WHEN $2::text IS NULL THEN left(d.text, 240) ELSE ${headlineSql("d.text", "$2", { words: 35 })} END AS preview, d.meta->>'url' AS url,
       d.char_count AS "charCount", d.token_count AS "tokenCount", d.segment_count AS "segmentCount"
     FROM document d WHERE ${w.sql} AND d.id > $3 ORDER BY d.id LIMIT $4`,
    [...w.args, f.after ?? 0, limit]);
  return { items: rows, next: rows.length === limit ? rows[rows.length - 1]!.id : null };
}

export interface DocumentDetail {
  id: number; corpusId: number; corpus: string; tokenizer: string; text: string; meta: Record<string, unknown>;
  charCount: number; tokenCount: number; segmentCount: number; sourceFile: string | null; sourceLine: number | null;
  contaminated: boolean;
  segments: { id: number; index: number; tokenCount: number; charStart: number; charEnd: number; text: string }[];
}

export async function getDocument(id: number): Promise<DocumentDetail> {
  const { rows } = await pool().query<Omit<DocumentDetail, "segments">>(
    `SELECT d.id, d.corpus_id AS "corpusId", c.name AS corpus, c.tokenizer, d.text, d.meta, d.char_count AS "charCount",
       d.token_count AS "tokenCount", d.segment_count AS "segmentCount", d.source_file AS "sourceFile",
       d.source_line AS "sourceLine", d.contaminated
     FROM document d JOIN corpus c ON c.id = d.corpus_id WHERE d.id = $1`, [id]);
  const doc = rows[0];
  if (!doc) throw new AppError("not_found", `document ${id} does not exist`);
  const { rows: segments } = await pool().query<DocumentDetail["segments"][number]>(
    `SELECT id, index, token_count AS "tokenCount", char_start AS "charStart", char_end AS "charEnd", text
     FROM segment WHERE document_id = $1 ORDER BY index`, [id]);
  return { ...doc, segments };
}

export interface DocumentFull { id: number; corpus: string; text: string; meta: Record<string, unknown>; token_count: number; segment_count: number }

export async function* streamDocuments(f: DocumentFilter, batch = 1000): AsyncGenerator<DocumentFull> {
  const w = where(f);
  let after = 0;
  for (;;) {
    const { rows } = await pool().query<DocumentFull>(
      `SELECT d.id, c.name AS corpus, d.text, d.meta, d.token_count, d.segment_count
       FROM document d JOIN corpus c ON c.id = d.corpus_id WHERE ${w.sql} AND d.id > $3 ORDER BY d.id LIMIT $4`,
      [...w.args, after, batch]);
    yield* rows;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}
