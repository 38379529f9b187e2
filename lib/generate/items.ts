import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { ItemTable } from "@/lib/model-items/items";
import { enqueueRow } from "./job-row";
import type { GenerateParams } from "./params";
import { selectCandidates } from "./select";

/**
 * The job's items in generation_item (bookkeeping shared with verification: lib/model-items). Created once per
 * job (step 1, with the job row locked, so two workers racing on a re-dispatched job cannot select twice); each
 * later step only reads and updates them by id.
 */
export interface WorkItem { id: number; key: string; type: "single" | "multi"; segmentIds: number[]; attempts: number }

export const generationItems = new ItemTable<WorkItem>("generation_item", `id, key, type, segment_ids AS "segmentIds", attempts`);

export async function createItems(jobId: number, p: GenerateParams): Promise<number> {
  return generationItems.create(jobId, async (client) => {
    const cands = await selectCandidates(client, p);
    const { rowCount } = await client.query(
      `INSERT INTO generation_item (job_id, key, type, segment_ids)
       SELECT $1, k, $2::"PairType", string_to_array(s, ',')::int[] FROM unnest($3::text[], $4::text[]) AS u(k, s)
       ON CONFLICT (key) DO NOTHING`,
      [jobId, p.type, cands.map((c) => c.key), cands.map((c) => c.segmentIds.join(","))]);
    return rowCount ?? 0;
  });
}

/** Failed items (all, or the one given) go back to pending and the job is queued again (also after it succeeded). */
export async function retryFailedItems(jobId: number, itemId?: number): Promise<number> {
  const { rows } = await pool().query<{ kind: string; status: string }>(`SELECT kind, status FROM job WHERE id = $1`, [jobId]);
  const job = rows[0];
  if (!job || job.kind !== "generate") throw new AppError("not_found", `generation job ${jobId} does not exist`);
  if (["queued", "running", "cancelling"].includes(job.status)) throw new AppError("conflict", `job ${jobId} is still ${job.status}; retry its failed items once it stops`);
  const { rowCount } = await pool().query(
    `UPDATE generation_item SET status = 'pending', error = NULL, batch_id = NULL, updated_at = now()
     WHERE job_id = $1 AND status = 'failed' AND ($2::int IS NULL OR id = $2)`, [jobId, itemId ?? null]);
  if (!rowCount) throw new AppError("conflict", itemId ? `item #${itemId} of job #${jobId} is not a failed item` : `job ${jobId} has no failed items`);
  await enqueueRow(jobId);
  return rowCount;
}
