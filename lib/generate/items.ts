import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { enqueueRow } from "./job-row";
import type { GenerateParams } from "./params";
import { selectCandidates } from "./select";

/**
 * The job's items in generation_item. Created once per job (step 1, in one transaction with the job row
 * locked, so two workers racing on a re-dispatched job cannot select twice); each later step only reads
 * and updates them by id.
 */
export interface WorkItem { id: number; key: string; type: "single" | "multi"; segmentIds: number[]; attempts: number }

export async function createItems(jobId: number, p: GenerateParams): Promise<number> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    await client.query(`SELECT id FROM job WHERE id = $1 FOR UPDATE`, [jobId]);
    const { rows: existing } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM generation_item WHERE job_id = $1`, [jobId]);
    if (existing[0]!.n > 0) {
      await client.query("COMMIT");
      return existing[0]!.n;
    }
    const cands = await selectCandidates(client, p);
    const { rowCount } = await client.query(
      `INSERT INTO generation_item (job_id, key, type, segment_ids)
       SELECT $1, k, $2::"PairType", string_to_array(s, ',')::int[] FROM unnest($3::text[], $4::text[]) AS u(k, s)
       ON CONFLICT (key) DO NOTHING`,
      [jobId, p.type, cands.map((c) => c.key), cands.map((c) => c.segmentIds.join(","))]);
    await client.query(`UPDATE job SET total = $2 WHERE id = $1`, [jobId, rowCount ?? 0]);
    await client.query("COMMIT");
    return rowCount ?? 0;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * The next unfinished items after `afterId`, marked running. Items left `running` by a dead worker are
 * picked up again: the job lease guarantees that only one live worker runs this job.
 */
export async function claimItems(jobId: number, afterId: number, limit: number): Promise<WorkItem[]> {
  const { rows } = await pool().query<WorkItem>(
    `UPDATE generation_item SET status = 'running', updated_at = now()
     WHERE id IN (SELECT id FROM generation_item WHERE job_id = $1 AND status IN ('pending', 'running') AND batch_id IS NULL AND id > $2
                  ORDER BY id LIMIT $3)
     RETURNING id, key, type, segment_ids AS "segmentIds", attempts`, [jobId, afterId, limit]);
  return rows.sort((a, b) => a.id - b.id);
}

/** Items that were claimed but not finished (budget stop, cancel) go back to pending. */
export async function releaseItems(jobId: number): Promise<void> {
  await pool().query(`UPDATE generation_item SET status = 'pending', updated_at = now() WHERE job_id = $1 AND status = 'running' AND batch_id IS NULL`, [jobId]);
}

export interface ItemTotals { total: number; succeeded: number; failed: number; pending: number; promptTokens: number; completionTokens: number; costUsd: number }

export async function itemTotals(jobId: number): Promise<ItemTotals> {
  const { rows } = await pool().query<ItemTotals>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded,
       count(*) FILTER (WHERE status = 'failed')::int AS failed, count(*) FILTER (WHERE status IN ('pending', 'running'))::int AS pending,
       coalesce(sum(prompt_tokens), 0)::int AS "promptTokens", coalesce(sum(completion_tokens), 0)::int AS "completionTokens",
       coalesce(sum(cost_usd), 0)::float8 AS "costUsd"
     FROM generation_item WHERE job_id = $1`, [jobId]);
  return rows[0]!;
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
