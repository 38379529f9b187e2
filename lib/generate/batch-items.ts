import { pool } from "@/lib/db/client";
import type { Usage } from "@/lib/llm/types";

/** generation_item bookkeeping specific to Batch API runs. */
export async function assignBatch(itemIds: number[], batchId: string): Promise<void> {
  await pool().query(`UPDATE generation_item SET batch_id = $2, updated_at = now() WHERE id = ANY($1::int[])`, [itemIds, batchId]);
}

/** Batches submitted by an earlier run whose results were not applied yet (resume polls them, never resubmits). */
export async function openBatches(jobId: number): Promise<string[]> {
  const { rows } = await pool().query<{ batch_id: string }>(
    `SELECT DISTINCT batch_id FROM generation_item WHERE job_id = $1 AND status IN ('pending', 'running') AND batch_id IS NOT NULL ORDER BY batch_id`, [jobId]);
  return rows.map((r) => r.batch_id);
}

export interface BatchItem { id: number; key: string; type: "single" | "multi"; segmentIds: number[]; attempts: number }

export async function itemsOfBatch(jobId: number, batchId: string): Promise<BatchItem[]> {
  const { rows } = await pool().query<BatchItem>(
    `SELECT id, key, type, segment_ids AS "segmentIds", attempts FROM generation_item
     WHERE job_id = $1 AND batch_id = $2 AND status IN ('pending', 'running') ORDER BY id`, [jobId, batchId]);
  return rows;
}

/** An invalid or failed batch reply that will be asked again in the next batch. */
export async function requeueItem(itemId: number, reason: string, raw: string | null, usage: Usage, cost: number): Promise<void> {
  await pool().query(
    `UPDATE generation_item SET status = 'pending', batch_id = NULL, error = $2, raw_response = $3, attempts = attempts + 1,
       prompt_tokens = prompt_tokens + $4, completion_tokens = completion_tokens + $5, cost_usd = cost_usd + $6, updated_at = now()
     WHERE id = $1 AND status <> 'succeeded'`, [itemId, reason, raw, usage.promptTokens, usage.completionTokens, cost]);
}
