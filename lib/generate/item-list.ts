import { pool } from "@/lib/db/client";

/** A generation item as the UI lists it; the raw reply is cut to a readable length (the full one stays in the row). */
export interface ItemListRow {
  id: number; key: string; type: string; segmentIds: number[]; status: string; attempts: number; error: string | null;
  rawResponse: string | null; rawTruncated: boolean; promptTokens: number; completionTokens: number; costUsd: number; pairId: number | null; updatedAt: string;
}

const RAW_CHARS = 4000;

/** A job's items, keyset-paged by id, optionally by status. */
export async function listItems(jobId: number, f: { status?: string; after?: number; limit?: number }): Promise<{ items: ItemListRow[]; next: number | null }> {
  const limit = Math.min(f.limit ?? 50, 200);
  const { rows } = await pool().query<ItemListRow>(
    `SELECT id, key, type, segment_ids AS "segmentIds", status, attempts, error, left(raw_response, ${RAW_CHARS}) AS "rawResponse",
       coalesce(length(raw_response) > ${RAW_CHARS}, false) AS "rawTruncated", prompt_tokens AS "promptTokens",
       completion_tokens AS "completionTokens", cost_usd AS "costUsd", pair_id AS "pairId", updated_at AS "updatedAt"
     FROM generation_item WHERE job_id = $1 AND ($2::text IS NULL OR status::text = $2) AND id > $3 ORDER BY id LIMIT $4`,
    [jobId, f.status ?? null, f.after ?? 0, limit]);
  return { items: rows, next: rows.length === limit ? rows[rows.length - 1]!.id : null };
}
