import { pool } from "@/lib/db/client";
import { getJob } from "./jobs";

/** One status change of a job, with the message and error it had at that moment (rows written by a trigger). */
export interface JobEvent { id: number; status: string; message: string | null; error: string | null; at: string }

/** A job's history, oldest first, keyset-paged by event id. */
export async function listJobEvents(jobId: number, opts: { after?: number; limit?: number } = {}): Promise<{ events: JobEvent[]; next: number | null }> {
  await getJob(jobId); // 404 for a job that does not exist rather than an empty history
  const limit = Math.min(opts.limit ?? 200, 1000);
  const { rows } = await pool().query<JobEvent>(
    `SELECT id::int AS id, status::text AS status, message, error, at FROM job_event
     WHERE job_id = $1 AND id > $2 ORDER BY id LIMIT $3`, [jobId, opts.after ?? 0, limit]);
  return { events: rows, next: rows.length === limit ? rows[rows.length - 1]!.id : null };
}
