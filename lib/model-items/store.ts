import type pg from "pg";
import { withTransaction } from "@/lib/db/client";
import type { ItemTableName, Spent } from "./items";

/**
 * Exactly once, for every model job: the items of a batch of results are locked in id order, those already
 * succeeded are dropped (a zombie worker that lost its lease and the one that took over cannot both store), then
 * the job's own rows (`write`) and the items' success are written in the SAME transaction — a result is never
 * stored twice and never lost. A crash before the commit loses only answers, which are asked again.
 */
export interface Finished extends Spent { itemId: number }

/**
 * `write` gets the results still to store (each item once) with their items' keys, and returns per result the pair
 * it produced (stored as the item's `pair_id`), or nothing. Returns, per input, whether it was stored (false = that
 * item had already succeeded, or came twice in this batch and its first result was stored).
 */
export async function storeOnce<S extends Finished>(
  table: ItemTableName, batch: S[], write: (client: pg.PoolClient, todo: S[], keys: Map<number, string>) => Promise<number[] | void>,
): Promise<boolean[]> {
  if (!batch.length) return [];
  return withTransaction(async (client) => {
    const { rows } = await client.query<{ id: number; key: string }>(
      `SELECT id, key FROM ${table} WHERE id = ANY($1::int[]) AND status <> 'succeeded' ORDER BY id FOR UPDATE`, [batch.map((s) => s.itemId)]);
    const open = new Map(rows.map((r) => [r.id, r.key]));
    const taken = new Set<number>();
    const stored = batch.map((s) => {
      if (!open.has(s.itemId) || taken.has(s.itemId)) return false;
      taken.add(s.itemId);
      return true;
    });
    const todo = batch.filter((_, i) => stored[i]);
    if (todo.length) {
      const pairIds = (await write(client, todo, open)) ?? [];
      await client.query(
        `UPDATE ${table} g SET status = 'succeeded', error = NULL, raw_response = NULL, pair_id = coalesce(u.pid, g.pair_id), attempts = g.attempts + u.a,
           prompt_tokens = g.prompt_tokens + u.pt, completion_tokens = g.completion_tokens + u.ct, cost_usd = g.cost_usd + u.c, updated_at = now()
         FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::float8[]) AS u(id, pid, a, pt, ct, c) WHERE g.id = u.id`,
        [todo.map((s) => s.itemId), todo.map((_, i) => pairIds[i] ?? null), todo.map((s) => s.attempts), todo.map((s) => s.usage.promptTokens),
          todo.map((s) => s.usage.completionTokens), todo.map((s) => s.costUsd)]);
    }
    return stored;
  });
}
