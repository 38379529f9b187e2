import { pool } from "@/lib/db/client";
import { ItemTable } from "@/lib/model-items/items";
import { Params, pairWhere } from "@/lib/pairs/filter";
import type { VerifyParams } from "./params";

/**
 * The job's items in verification_item, one per pair. The key is deterministic — pair id, a hash of the pair's
 * question and answer, prompt version, provider and model — so the same content is verified once per prompt and
 * model, forever; an edited pair hashes differently and is verified again. Created once per job, set-based
 * (INSERT … SELECT over the pairs filter), in one transaction with the job row locked (lib/model-items/items.ts).
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

export const verificationItems = new ItemTable<VerifyItem>("verification_item", `id, pair_id AS "pairId", attempts`);

export async function createItems(jobId: number, p: VerifyParams): Promise<number> {
  return verificationItems.create(jobId, async (client) => {
    const params = new Params();
    const job = params.add(jobId);
    const where = selectionWhere(p, params);
    // An item another job left failed is taken over (and asked again); one that succeeded or is pending stays.
    const { rowCount } = await client.query(
      `INSERT INTO verification_item (job_id, key, pair_id)
       SELECT ${job}, ${keySql(p, params)}, p.id FROM pair p WHERE ${where} ORDER BY p.id
       ON CONFLICT (key) DO UPDATE SET job_id = EXCLUDED.job_id, status = 'pending', error = NULL, batch_id = NULL, attempts = 0, updated_at = now()
       WHERE verification_item.status = 'failed'`, params.values);
    return rowCount ?? 0;
  });
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
