import type { AssembledContext } from "@/lib/assemble";
import { pool } from "@/lib/db/client";

/** A new assembly run; params hold the options and the selection, stats are filled in as the run goes. */
export async function createRun(params: Record<string, unknown>, seed: string, jobId: number | null = null): Promise<number> {
  const { rows } = await pool().query<{ id: number }>(
    `INSERT INTO assembly_run (job_id, params, seed) VALUES ($1, $2, $3) RETURNING id`,
    [jobId, JSON.stringify(params), seed]);
  return rows[0]!.id;
}

/** The run a job writes into, so a resumed job continues its own run instead of starting another. */
export async function runForJob(jobId: number): Promise<number | null> {
  const { rows } = await pool().query<{ id: number }>(`SELECT id FROM assembly_run WHERE job_id = $1 ORDER BY id LIMIT 1`, [jobId]);
  return rows[0]?.id ?? null;
}

/** Merges keys into the run's params (the recipe, once it is known). */
export async function mergeRunParams(runId: number, patch: Record<string, unknown>): Promise<void> {
  await pool().query(`UPDATE assembly_run SET params = params || $2::jsonb WHERE id = $1`, [runId, JSON.stringify(patch)]);
}

/** Merges keys into the run's stats (a shallow jsonb merge). */
export async function mergeRunStats(runId: number, patch: Record<string, unknown>): Promise<void> {
  await pool().query(`UPDATE assembly_run SET stats = stats || $2::jsonb WHERE id = $1`, [runId, JSON.stringify(patch)]);
}

/**
 * Stores contexts set-based (one statement per batch), each with its recipe key. A pair already stored in this
 * run is left as is, so a resumed job that re-assembles a batch writes nothing twice. The batch travels as ONE
 * jsonb document (jsonb_to_recordset): a jsonb[] parameter would be escaped element by element into an array
 * literal by the driver and parsed back by the server, which cost more than the insert itself.
 */
export async function insertContexts(
  runId: number,
  contexts: (AssembledContext & { tokenizer: string; recipeKey: string })[],
  opts: { ids?: boolean } = { ids: true },
): Promise<Map<number, number>> {
  if (contexts.length === 0) return new Map();
  const payload = contexts.map((c) => ({
    pair_id: c.pairId, kind: c.kind, seed: c.seed, target: c.targetTokens, total: c.totalTokens, tokenizer: c.tokenizer,
    spans: c.spans, depths: c.evidenceDepths, recipe_key: c.recipeKey, token_offsets: c.tokenOffsets,
  }));
  await pool().query(
    `INSERT INTO context (run_id, pair_id, kind, seed, target_tokens, total_tokens, tokenizer, spans, evidence_depths, recipe_key, token_offsets)
     SELECT $1, u.pair_id, u.kind, u.seed, u.target, u.total, u.tokenizer, u.spans, u.depths, u.recipe_key, u.token_offsets
     FROM jsonb_to_recordset($2::jsonb) AS u(pair_id int, kind text, seed text, target int, total int, tokenizer text, spans jsonb,
       depths float8[], recipe_key text, token_offsets text)
     ON CONFLICT (run_id, pair_id) DO NOTHING`,
    [runId, JSON.stringify(payload)]);
  if (!opts.ids) return new Map();
  const { rows } = await pool().query<{ id: number; pairId: number }>(
    `SELECT id, pair_id AS "pairId" FROM context WHERE run_id = $1 AND pair_id = ANY($2::int[])`,
    [runId, contexts.map((c) => c.pairId)]);
  return new Map(rows.map((r) => [r.pairId, r.id]));
}

/** The newest context of each pair whose recipe key is one of `keys` (pairs without one are absent). */
export async function contextIdsWithRecipe(pairIds: number[], keys: string[]): Promise<Map<number, number>> {
  if (pairIds.length === 0 || keys.length === 0) return new Map();
  const { rows } = await pool().query<{ pairId: number; id: number }>(
    `SELECT DISTINCT ON (pair_id) pair_id AS "pairId", id FROM context
     WHERE pair_id = ANY($1::int[]) AND recipe_key = ANY($2::text[]) ORDER BY pair_id, id DESC`, [pairIds, keys]);
  return new Map(rows.map((r) => [r.pairId, r.id]));
}

/** The contexts of the given pairs in one run. */
export async function contextIdsInRun(runId: number, pairIds: number[]): Promise<Map<number, number>> {
  if (pairIds.length === 0) return new Map();
  const { rows } = await pool().query<{ pairId: number; id: number }>(
    `SELECT pair_id AS "pairId", id FROM context WHERE run_id = $1 AND pair_id = ANY($2::int[])`, [runId, pairIds]);
  return new Map(rows.map((r) => [r.pairId, r.id]));
}

export interface RunInfo { id: number; seed: string; params: Record<string, unknown> }

export async function getRun(runId: number): Promise<RunInfo | null> {
  const { rows } = await pool().query<RunInfo>(`SELECT id, seed, params FROM assembly_run WHERE id = $1`, [runId]);
  return rows[0] ?? null;
}

/** The newest context of each pair (pairs without one are absent). */
export async function latestContextIds(pairIds: number[]): Promise<Map<number, number>> {
  if (pairIds.length === 0) return new Map();
  const { rows } = await pool().query<{ pairId: number; id: number }>(
    `SELECT DISTINCT ON (pair_id) pair_id AS "pairId", id FROM context WHERE pair_id = ANY($1::int[]) ORDER BY pair_id, id DESC`,
    [pairIds]);
  return new Map(rows.map((r) => [r.pairId, r.id]));
}
