import type pg from "pg";
import { pool, withTransaction } from "@/lib/db/client";
import type { Usage } from "@/lib/llm/types";

/**
 * The item table under a model job (generation_item, verification_item): one row per unit of work with a
 * deterministic key, a status, its attempts and what it cost. The job-specific columns stay with the job; the
 * bookkeeping every model job does on its items lives here, written once.
 */
export interface Spent { usage: Usage; costUsd: number; attempts: number }
export const NOTHING_SPENT: Spent = { usage: { promptTokens: 0, completionTokens: 0 }, costUsd: 0, attempts: 0 };

export interface ItemTotals { total: number; succeeded: number; failed: number; pending: number; promptTokens: number; completionTokens: number; costUsd: number }

export type ItemTableName = "generation_item" | "verification_item";

export class ItemTable<I extends { id: number; attempts: number }> {
  /** `columns`: the SELECT list a claimed item is read with (job-specific fields under their camelCase names). */
  constructor(readonly table: ItemTableName, private readonly columns: string) {}

  /**
   * Creates the job's items once: in one transaction with the job row locked (two workers racing on a
   * re-dispatched job cannot select twice); `insert` writes them and returns how many. A re-run keeps what exists.
   */
  async create(jobId: number, insert: (client: pg.PoolClient) => Promise<number>): Promise<number> {
    return withTransaction(async (client) => {
      await client.query(`SELECT id FROM job WHERE id = $1 FOR UPDATE`, [jobId]);
      const { rows: existing } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${this.table} WHERE job_id = $1`, [jobId]);
      if (existing[0]!.n > 0) return existing[0]!.n;
      const n = await insert(client);
      await client.query(`UPDATE job SET total = $2 WHERE id = $1`, [jobId, n]);
      return n;
    });
  }

  /**
   * The next unfinished items after `afterId`, marked running. Items left `running` by a dead worker are
   * picked up again: the job lease guarantees that only one live worker runs this job, and storing is exactly-once.
   */
  async claim(jobId: number, afterId: number, limit: number): Promise<I[]> {
    const { rows } = await pool().query<I>(
      `UPDATE ${this.table} SET status = 'running', updated_at = now()
       WHERE id IN (SELECT id FROM ${this.table} WHERE job_id = $1 AND status IN ('pending', 'running') AND batch_id IS NULL AND id > $2
                    ORDER BY id LIMIT $3)
       RETURNING ${this.columns}`, [jobId, afterId, limit]);
    return rows.sort((a, b) => a.id - b.id);
  }

  /** Items that were claimed but not finished (budget stop, cancel) go back to pending. */
  async release(jobId: number): Promise<void> {
    await pool().query(`UPDATE ${this.table} SET status = 'pending', updated_at = now() WHERE job_id = $1 AND status = 'running' AND batch_id IS NULL`, [jobId]);
  }

  async totals(jobId: number): Promise<ItemTotals> {
    const { rows } = await pool().query<ItemTotals>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded,
         count(*) FILTER (WHERE status = 'failed')::int AS failed, count(*) FILTER (WHERE status IN ('pending', 'running'))::int AS pending,
         coalesce(sum(prompt_tokens), 0)::int AS "promptTokens", coalesce(sum(completion_tokens), 0)::int AS "completionTokens",
         coalesce(sum(cost_usd), 0)::float8 AS "costUsd"
       FROM ${this.table} WHERE job_id = $1`, [jobId]);
    return rows[0]!;
  }

  /** A failure keeps its reason and the raw reply; an item that already succeeded stays succeeded. */
  async fail(itemId: number, reason: string, raw: string | null, o: Spent): Promise<void> {
    await pool().query(
      `UPDATE ${this.table} SET status = 'failed', error = $2, raw_response = $3, attempts = attempts + $4,
         prompt_tokens = prompt_tokens + $5, completion_tokens = completion_tokens + $6, cost_usd = cost_usd + $7, updated_at = now()
       WHERE id = $1 AND status <> 'succeeded'`,
      [itemId, reason, raw, o.attempts, o.usage.promptTokens, o.usage.completionTokens, o.costUsd]);
  }

  /** An invalid or failed batch reply that will be asked again in the next batch (one attempt spent). */
  async requeue(itemId: number, reason: string, raw: string | null, o: Omit<Spent, "attempts">): Promise<void> {
    await pool().query(
      `UPDATE ${this.table} SET status = 'pending', batch_id = NULL, error = $2, raw_response = $3, attempts = attempts + 1,
         prompt_tokens = prompt_tokens + $4, completion_tokens = completion_tokens + $5, cost_usd = cost_usd + $6, updated_at = now()
       WHERE id = $1 AND status <> 'succeeded'`, [itemId, reason, raw, o.usage.promptTokens, o.usage.completionTokens, o.costUsd]);
  }

  async assignBatch(itemIds: number[], batchId: string): Promise<void> {
    await pool().query(`UPDATE ${this.table} SET batch_id = $2, updated_at = now() WHERE id = ANY($1::int[])`, [itemIds, batchId]);
  }

  /** Batches submitted by an earlier run whose results were not applied yet (resume polls them, never resubmits). */
  async openBatches(jobId: number): Promise<string[]> {
    const { rows } = await pool().query<{ batch_id: string }>(
      `SELECT DISTINCT batch_id FROM ${this.table} WHERE job_id = $1 AND status IN ('pending', 'running') AND batch_id IS NOT NULL ORDER BY batch_id`, [jobId]);
    return rows.map((r) => r.batch_id);
  }

  async ofBatch(jobId: number, batchId: string): Promise<I[]> {
    const { rows } = await pool().query<I>(
      `SELECT ${this.columns} FROM ${this.table} WHERE job_id = $1 AND batch_id = $2 AND status IN ('pending', 'running') ORDER BY id`, [jobId, batchId]);
    return rows;
  }
}
