import { pool } from "@/lib/db/client";
import { Params, pairWhere } from "@/lib/pairs/filter";
import type { VerifyParams } from "./params";

/**
 * The job's items in verification_item, one per pair. The key is deterministic — pair id, a hash of the pair's
 * question and answer, prompt version, provider and model — so the same content is verified once per prompt and
 * model, forever; an edited pair hashes differently and is verified again. Created once per job, set-based
 * (INSERT … SELECT over the pairs filter), in one transaction with the job row locked.
 */
export interface VerifyItem { id: number; pairId: number; attempts: number }

/** The pairs a request selects, as SQL on alias `p` (ids, generation job, and the pairs table's filter). */
export function selectionWhere(p: Pick<VerifyParams, "pairIds" | "jobId" | "filter">, params: Params): string {
  const c = [pairWhere(p.filter, params)];
  if (p.pairIds) c.push(`p.id = ANY(${params.add(p.pairIds)}::int[])`);
  if (p.jobId) c.push(`p.job_id = ${params.add(p.jobId)}`);
  return c.join(" AND ");
}

/** The SQL of an item key for the pair at alias `p`. */
export function keySql(p: Pick<VerifyParams, "provider" | "model" | "promptVersion">, params: Params): string {
  return `'verify|' || p.id || '|' || md5(p.question || chr(1) || p.answer) || '|' || ${params.add(`${p.promptVersion}|${p.provider}:${p.model}`)}::text`;
}

export async function createItems(jobId: number, p: VerifyParams): Promise<number> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    await client.query(`SELECT id FROM job WHERE id = $1 FOR UPDATE`, [jobId]);
    const { rows: existing } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM verification_item WHERE job_id = $1`, [jobId]);
    if (existing[0]!.n > 0) {
      await client.query("COMMIT");
      return existing[0]!.n;
    }
    const params = new Params();
    const job = params.add(jobId);
    const where = selectionWhere(p, params);
    // An item another job left failed is taken over (and asked again); one that succeeded or is pending stays.
    const { rowCount } = await client.query(
      `INSERT INTO verification_item (job_id, key, pair_id)
       SELECT ${job}, ${keySql(p, params)}, p.id FROM pair p WHERE ${where} ORDER BY p.id
       ON CONFLICT (key) DO UPDATE SET job_id = EXCLUDED.job_id, status = 'pending', error = NULL, batch_id = NULL, attempts = 0, updated_at = now()
       WHERE verification_item.status = 'failed'`, params.values);
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

/** The next unfinished items after `afterId`, marked running (a dead worker's `running` items are taken again). */
export async function claimItems(jobId: number, afterId: number, limit: number): Promise<VerifyItem[]> {
  const { rows } = await pool().query<VerifyItem>(
    `UPDATE verification_item SET status = 'running', updated_at = now()
     WHERE id IN (SELECT id FROM verification_item WHERE job_id = $1 AND status IN ('pending', 'running') AND batch_id IS NULL AND id > $2
                  ORDER BY id LIMIT $3)
     RETURNING id, pair_id AS "pairId", attempts`, [jobId, afterId, limit]);
  return rows.sort((a, b) => a.id - b.id);
}

export async function releaseItems(jobId: number): Promise<void> {
  await pool().query(`UPDATE verification_item SET status = 'pending', updated_at = now() WHERE job_id = $1 AND status = 'running' AND batch_id IS NULL`, [jobId]);
}

export interface ItemTotals { total: number; succeeded: number; failed: number; promptTokens: number; completionTokens: number; costUsd: number }

export async function itemTotals(jobId: number): Promise<ItemTotals> {
  const { rows } = await pool().query<ItemTotals>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded, count(*) FILTER (WHERE status = 'failed')::int AS failed,
       coalesce(sum(prompt_tokens), 0)::int AS "promptTokens", coalesce(sum(completion_tokens), 0)::int AS "completionTokens",
       coalesce(sum(cost_usd), 0)::float8 AS "costUsd"
     FROM verification_item WHERE job_id = $1`, [jobId]);
  return rows[0]!;
}

/** Verdict counts over the job's verified pairs (from the checks this job stored). */
export async function verdictCounts(jobId: number): Promise<{ passed: number; failed: number; checks: number; byVerdict: Record<string, number> }> {
  const { rows } = await pool().query<{ passed: number; failed: number; checks: number; by: Record<string, number> | null }>(
    `WITH mine AS (SELECT i.id, p.verification AS v FROM verification_item i JOIN pair p ON p.id = i.pair_id
                   WHERE i.job_id = $1 AND i.status = 'succeeded' AND p.verification->>'itemId' = i.id::text)
     SELECT count(*) FILTER (WHERE (v->>'passed')::boolean)::int AS passed, count(*) FILTER (WHERE NOT (v->>'passed')::boolean)::int AS failed,
       (SELECT count(*)::int FROM pair_check c WHERE c.item_id IN (SELECT id FROM verification_item WHERE job_id = $1)) AS checks,
       (SELECT jsonb_object_agg(code, n) FROM (SELECT f->>'code' AS code, count(DISTINCT m.id)::int AS n FROM mine m, jsonb_array_elements(m.v->'flags') f GROUP BY 1) s) AS by
     FROM mine`, [jobId]);
  const r = rows[0]!;
  return { passed: r.passed, failed: r.failed, checks: r.checks, byVerdict: r.by ?? {} };
}
