import os from "node:os";
import { randomUUID } from "node:crypto";
import { pool, withTransaction } from "@/lib/db/client";
import { pairWhere, Params } from "@/lib/pairs/filter";
import type { Selection } from "./selection";
import type { AssemblyFailure } from "./types";

/** A worker that stopped heart-beating this long ago lost its chunk: another worker claims it again. */
export const CHUNK_LEASE_SECONDS = Number(process.env.IN2_CHUNK_LEASE_SECONDS ?? 120);
const MAX_ID = 2_147_483_647;

/** What one chunk's worker counted (contexts themselves are counted in the context table). */
export interface ChunkStats {
  failed: number;
  failuresByCode: Record<string, number>;
  failureSamples: AssemblyFailure[];
  contaminatedPairs: number;
  leakyFillersRejected: number;
}

export interface Chunk {
  runId: number;
  idx: number;
  afterId: number;
  throughId: number;
}

/** A worker's name in chunk claims: host, process and a random part (two workers in one process differ). */
export function workerName(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Pairs per chunk: ~64 chunks for small runs (so two workers balance), 200–2,000 pairs each. */
export function chunkSize(total: number): number {
  return Math.min(2000, Math.max(200, Math.ceil(total / 64)));
}

/**
 * Splits the run's selection into chunks of consecutive pair ids, once: the run row is locked while planning, so
 * two workers starting together plan it once. Ranges tile (0, MAX_ID] with no gap, so every pair id belongs to
 * exactly one chunk, including pairs that join the selection later (they fall into the last chunk's range).
 */
export async function planChunks(runId: number, sel: Selection, total: number, size = chunkSize(total)): Promise<number> {
  return withTransaction(async (client) => {
    await client.query(`SELECT id FROM assembly_run WHERE id = $1 FOR UPDATE`, [runId]);
    const { rows: [have] } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM assembly_chunk WHERE run_id = $1`, [runId]);
    if (have!.n > 0) return have!.n;
    const params = new Params();
    const c = [pairWhere(sel.filter ?? {}, params)];
    if (sel.pairIds) c.push(`p.id = ANY(${params.add(sel.pairIds)}::int[])`);
    const per = params.add(size);
    const run = params.add(runId);
    // the last id of each chunk, from one pass over the selection in id order; the ranges then tile (0, MAX_ID]
    const { rowCount } = await client.query(
      `INSERT INTO assembly_chunk (run_id, idx, after_id, through_id)
       SELECT ${run}, idx - 1, coalesce(lag(last) OVER (ORDER BY idx), 0),
              CASE WHEN idx = max(idx) OVER () THEN ${MAX_ID} ELSE last END
       FROM (SELECT (rn - 1) / ${per} + 1 AS idx, max(id) AS last
             FROM (SELECT p.id, row_number() OVER (ORDER BY p.id) AS rn FROM pair p WHERE ${c.join(" AND ")}) s
             GROUP BY 1) g`,
      params.values);
    if (!rowCount) {
      await client.query(`INSERT INTO assembly_chunk (run_id, idx, after_id, through_id) VALUES ($1, 0, 0, ${MAX_ID})`, [runId]);
      return 1;
    }
    return rowCount;
  });
}

/** Claims the next queued chunk (or one whose worker stopped), skipping chunks other workers hold right now. */
export async function claimChunk(runId: number, worker: string): Promise<Chunk | null> {
  const { rows } = await pool().query<Chunk>(
    `UPDATE assembly_chunk c SET status = 'running', claimed_by = $2, heartbeat_at = now(), stats = '{}'
     FROM (SELECT run_id, idx FROM assembly_chunk
           WHERE run_id = $1 AND (status = 'queued' OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => $3)))
           ORDER BY idx LIMIT 1 FOR UPDATE SKIP LOCKED) pick
     WHERE c.run_id = pick.run_id AND c.idx = pick.idx
     RETURNING c.run_id AS "runId", c.idx, c.after_id AS "afterId", c.through_id AS "throughId"`,
    [runId, worker, CHUNK_LEASE_SECONDS]);
  return rows[0] ?? null;
}

/** Records progress on a chunk this worker still holds; false when another worker has taken it over. */
export async function heartbeatChunk(chunk: Chunk, worker: string, stats: ChunkStats): Promise<boolean> {
  const { rowCount } = await pool().query(
    `UPDATE assembly_chunk SET heartbeat_at = now(), stats = $4 WHERE run_id = $1 AND idx = $2 AND claimed_by = $3 AND status = 'running'`,
    [chunk.runId, chunk.idx, worker, JSON.stringify(stats)]);
  return rowCount === 1;
}

export async function finishChunk(chunk: Chunk, worker: string, stats: ChunkStats): Promise<void> {
  await pool().query(
    `UPDATE assembly_chunk SET status = 'done', heartbeat_at = now(), stats = $4 WHERE run_id = $1 AND idx = $2 AND claimed_by = $3`,
    [chunk.runId, chunk.idx, worker, JSON.stringify(stats)]);
}

/** Gives a chunk back (the worker was stopped): another worker, or this job resumed, continues it at once. */
export async function releaseChunk(chunk: Chunk, worker: string): Promise<void> {
  await pool().query(
    `UPDATE assembly_chunk SET status = 'queued', claimed_by = NULL WHERE run_id = $1 AND idx = $2 AND claimed_by = $3 AND status = 'running'`,
    [chunk.runId, chunk.idx, worker]);
}

/** Chunks not done yet (held by some worker or queued). */
export async function openChunks(runId: number): Promise<number> {
  const { rows: [r] } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM assembly_chunk WHERE run_id = $1 AND status <> 'done'`, [runId]);
  return r!.n;
}

/** The run's failure counts summed over its chunks. */
export async function chunkTotals(runId: number): Promise<ChunkStats> {
  const { rows } = await pool().query<{ stats: Partial<ChunkStats> }>(`SELECT stats FROM assembly_chunk WHERE run_id = $1 ORDER BY idx`, [runId]);
  const out = emptyStats();
  for (const { stats: s } of rows) {
    out.failed += s.failed ?? 0;
    out.contaminatedPairs += s.contaminatedPairs ?? 0;
    out.leakyFillersRejected += s.leakyFillersRejected ?? 0;
    for (const [k, v] of Object.entries(s.failuresByCode ?? {})) out.failuresByCode[k] = (out.failuresByCode[k] ?? 0) + v;
    for (const f of s.failureSamples ?? []) if (out.failureSamples.length < 20) out.failureSamples.push(f);
  }
  return out;
}

export function emptyStats(): ChunkStats {
  return { failed: 0, failuresByCode: {}, failureSamples: [], contaminatedPairs: 0, leakyFillersRejected: 0 };
}
