import { pool } from "@/lib/db/client";
import { AppError } from "@/lib/api/errors";
import { dispatch } from "./queue";

export interface JobRow {
  id: number; kind: string; status: string; params: unknown; total: number; done: number; failed: number;
  counters: Record<string, unknown>; result: unknown; error: string | null; message: string | null;
  createdAt: string; startedAt: string | null; finishedAt: string | null; heartbeatAt: string | null;
  /** who started it (name, else email); null for the CLI and for jobs from before jobs recorded their user */
  createdBy: string | null;
}

const COLUMNS = `id, kind, status, params, total, done, failed, counters, result, error, message,
  created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt", heartbeat_at AS "heartbeatAt",
  (SELECT coalesce(nullif(u.name, ''), u.email) FROM app_user u WHERE u.id = job.created_by_id) AS "createdBy"`;

export async function getJob(id: number): Promise<JobRow> {
  const { rows } = await pool().query<JobRow>(`SELECT ${COLUMNS} FROM job WHERE id = $1`, [id]);
  if (!rows[0]) throw new AppError("not_found", `job ${id} does not exist`);
  return rows[0];
}

/** Newest first, keyset-paged by id. */
export async function listJobs(opts: { kind?: string; status?: string; active?: boolean; before?: number; limit?: number } = {}): Promise<JobRow[]> {
  const { rows } = await pool().query<JobRow>(
    `SELECT ${COLUMNS} FROM job
     WHERE ($1::text IS NULL OR kind = $1) AND ($2::int IS NULL OR id < $2)
       AND (NOT $3 OR status IN ('queued', 'running', 'cancelling')) AND ($5::text IS NULL OR status::text = $5)
     ORDER BY id DESC LIMIT $4`,
    [opts.kind ?? null, opts.before ?? null, opts.active ?? false, Math.min(opts.limit ?? 50, 200), opts.status ?? null]);
  return rows;
}

export async function cancelJob(id: number): Promise<JobRow> {
  await pool().query(
    `UPDATE job SET status = CASE WHEN status = 'queued' THEN 'cancelled'::"JobStatus" ELSE 'cancelling'::"JobStatus" END,
       finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
     WHERE id = $1 AND status IN ('queued', 'running')`, [id]);
  return getJob(id);
}

/** Runs a failed or cancelled job again; its handler skips the steps it already finished. */
export async function resumeJob(id: number): Promise<JobRow> {
  const { rowCount } = await pool().query(
    `UPDATE job SET status = 'queued', error = NULL, finished_at = NULL, locked_by = NULL
     WHERE id = $1 AND status IN ('failed', 'cancelled')`, [id]);
  if (!rowCount) throw new AppError("conflict", `job ${id} is not failed or cancelled, so there is nothing to resume`);
  await dispatch(id);
  return getJob(id);
}
