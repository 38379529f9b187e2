import { pool } from "@/lib/db/client";

/** The dashboard's counts: corpora from their maintained counters, pairs grouped by status and type. */
export async function dashboardStats() {
  const { rows: corpora } = await pool().query<{ corpora: number; documents: number; segments: number; tokens: number }>(
    `SELECT count(*)::int AS corpora, coalesce(sum(document_count), 0)::int AS documents,
       coalesce(sum(segment_count), 0)::int AS segments, coalesce(sum(token_count), 0)::int8 AS tokens FROM corpus`);
  const { rows: pairs } = await pool().query<{ status: string; type: string; n: number }>(
    `SELECT status::text, type::text, count(*)::int AS n FROM pair GROUP BY 1, 2`);
  const { rows: jobs } = await pool().query<{ active: number }>(
    `SELECT count(*)::int AS active FROM job WHERE status IN ('queued', 'running', 'cancelling')`);
  return { ...corpora[0]!, pairs, activeJobs: jobs[0]!.active };
}
