import { pool } from "@/lib/db/client";

export interface SegmentText { id: number; documentId: number; corpusId: number; text: string; tokenCount: number }

/** The texts of a batch of items' segments, fetched in one query. */
export async function segmentTexts(ids: number[]): Promise<Map<number, SegmentText>> {
  const { rows } = await pool().query<SegmentText>(
    `SELECT id, document_id AS "documentId", corpus_id AS "corpusId", text, token_count AS "tokenCount" FROM segment WHERE id = ANY($1::int[])`, [ids]);
  return new Map(rows.map((r) => [r.id, r]));
}
