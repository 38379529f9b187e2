import { pool } from "@/lib/db/client";
import { listJobs, type JobRow } from "@/lib/jobs/jobs";

/**
 * The dashboard's counts: corpora from their maintained counters, pairs grouped by status and type, whether each
 * later step has been taken (EXISTS, never a count over big tables), and the latest jobs as recent activity.
 */
export async function dashboardStats() {
  const { rows: corpora } = await pool().query<{ corpora: number; documents: number; segments: number; tokens: number }>(
    `SELECT count(*)::int AS corpora, coalesce(sum(document_count), 0)::int AS documents,
       coalesce(sum(segment_count), 0)::int AS segments, coalesce(sum(token_count), 0)::int8 AS tokens FROM corpus`);
  const { rows: pairs } = await pool().query<{ status: string; type: string; n: number }>(
    `SELECT status::text, type::text, count(*)::int AS n FROM pair GROUP BY 1, 2`);
  const { rows: jobs } = await pool().query<{ active: number }>(
    `SELECT count(*)::int AS active FROM job WHERE status IN ('queued', 'running', 'cancelling')`);
  const { rows: steps } = await pool().query<{ assembled: boolean; exported: boolean; probed: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM context) AS assembled, EXISTS (SELECT 1 FROM export) AS exported,
       EXISTS (SELECT 1 FROM probe_run) AS probed`);
  const recent: JobRow[] = await listJobs({ limit: 6 });
  return {
    ...corpora[0]!, pairs, activeJobs: jobs[0]!.active, steps: steps[0]!,
    recent: recent.map((j) => ({ id: j.id, kind: j.kind, status: j.status, createdBy: j.createdBy, createdAt: j.createdAt, finishedAt: j.finishedAt })),
  };
}
