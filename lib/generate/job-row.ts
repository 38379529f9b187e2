import { pool } from "@/lib/db/client";
import { dispatch } from "@/lib/jobs/queue";

export const GENERATE_KIND = "generate";

/**
 * A generation job row without a queue message: `in2 generate --wait` runs it in-process. Should that
 * process die, the row is `running` with a stale heartbeat and any worker's sweep takes it over.
 */
export async function createJobRow(params: unknown): Promise<number> {
  const { rows } = await pool().query<{ id: number }>(`INSERT INTO job (kind, params) VALUES ($1, $2) RETURNING id`, [GENERATE_KIND, JSON.stringify(params)]);
  return rows[0]!.id;
}

/** Queues a stopped job again (after "retry failed items"), whatever its final status was. */
export async function enqueueRow(jobId: number): Promise<void> {
  await pool().query(
    `UPDATE job SET status = 'queued', error = NULL, finished_at = NULL, locked_by = NULL, message = 'queued again to retry failed items' WHERE id = $1`, [jobId]);
  await dispatch(jobId);
}

/** Raises (or sets) a job's budget before resuming it. */
export async function setBudget(jobId: number, budgetUsd: number | null): Promise<void> {
  await pool().query(
    `UPDATE job SET params = CASE WHEN $2::float8 IS NULL THEN params - 'budgetUsd' ELSE jsonb_set(params, '{budgetUsd}', to_jsonb($2::float8)) END
     WHERE id = $1 AND kind = $3`, [jobId, budgetUsd, GENERATE_KIND]);
}
