import { pool } from "@/lib/db/client";

export interface RunRow {
  id: number; jobId: number | null; jobStatus: string | null; seed: string; params: Record<string, unknown>;
  summary: Record<string, unknown> | null; contexts: number; createdAt: string;
}

/** Assembly runs, newest first, with their context counts (maintained by triggers on context, never counted here). */
export async function listRuns(limit = 50): Promise<RunRow[]> {
  const { rows } = await pool().query<RunRow>(
    `SELECT r.id, r.job_id AS "jobId", j.status::text AS "jobStatus", r.seed, r.params, r.stats->'summary' AS summary,
            r.context_count AS contexts, r.created_at AS "createdAt"
     FROM assembly_run r
     LEFT JOIN job j ON j.id = r.job_id
     ORDER BY r.id DESC LIMIT $1`, [Math.min(limit, 200)]);
  return rows;
}

export interface ContextListRow {
  id: number; runId: number; pairId: number; type: string; status: string; kind: string; totalTokens: number;
  targetTokens: number; evidenceDepths: number[]; question: string;
}

/**
 * Contexts of one run, or each pair's newest context; keyset-paged by pair id. The question is cut with left()
 * so a page never drags big text along.
 */
export async function listContexts(opts: { runId?: number; after?: number; limit?: number }): Promise<ContextListRow[]> {
  const limit = Math.min(opts.limit ?? 50, 200);
  const scope = opts.runId === undefined
    ? `SELECT DISTINCT ON (pair_id) * FROM context WHERE pair_id > $1 ORDER BY pair_id, id DESC`
    : `SELECT * FROM context WHERE run_id = $3 AND pair_id > $1`;
  const args: unknown[] = [opts.after ?? 0, limit];
  if (opts.runId !== undefined) args.push(opts.runId);
  const { rows } = await pool().query<ContextListRow>(
    `SELECT c.id, c.run_id AS "runId", c.pair_id AS "pairId", p.type::text AS type, p.status::text AS status, c.kind,
            c.total_tokens AS "totalTokens", c.target_tokens AS "targetTokens", COALESCE(c.evidence_depths, '{}') AS "evidenceDepths",
            left(p.question, 160) AS question
     FROM (${scope}) c JOIN pair p ON p.id = c.pair_id
     ORDER BY c.pair_id LIMIT $2`, args);
  return rows;
}
