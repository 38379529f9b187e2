import { z } from "zod";
import { pool } from "@/lib/db/client";
import { pairWhere, Params } from "@/lib/pairs/filter";
import { pairFilter } from "@/lib/pairs/schemas";

/** Which pairs a run assembles: explicit ids, a pair filter (status, type, …), or both (ids within the filter). */
export const selectionSchema = z.object({
  pairIds: z.array(z.number().int().positive()).max(1_000_000).optional(),
  filter: pairFilter.optional(),
});
export type Selection = z.infer<typeof selectionSchema>;

function where(sel: Selection, params: Params): string {
  const c = [pairWhere(sel.filter ?? {}, params)];
  if (sel.pairIds) c.push(`p.id = ANY(${params.add(sel.pairIds)}::int[])`);
  return c.join(" AND ");
}

export async function countSelection(sel: Selection): Promise<number> {
  const params = new Params();
  const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair p WHERE ${where(sel, params)}`, params.values);
  return rows[0]?.n ?? 0;
}

export async function corporaOfSelection(sel: Selection): Promise<number[]> {
  const params = new Params();
  const { rows } = await pool().query<{ id: number }>(
    `SELECT DISTINCT p.corpus_id AS id FROM pair p WHERE ${where(sel, params)} ORDER BY 1`, params.values);
  return rows.map((r) => r.id);
}

/** The next selected pair ids in (after, through] that have no context in this run yet (keyset, id order). */
export async function nextPairIds(runId: number, sel: Selection, after: number, limit: number, through = 2_147_483_647): Promise<number[]> {
  const params = new Params();
  const w = where(sel, params);
  const { rows } = await pool().query<{ id: number }>(
    `SELECT p.id FROM pair p
     WHERE ${w} AND p.id > ${params.add(after)} AND p.id <= ${params.add(through)}
       AND NOT EXISTS (SELECT 1 FROM context c WHERE c.run_id = ${params.add(runId)} AND c.pair_id = p.id)
     ORDER BY p.id LIMIT ${params.add(limit)}`,
    params.values);
  return rows.map((r) => r.id);
}
