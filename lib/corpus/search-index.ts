import { pool } from "@/lib/db/client";

/**
 * Secondary indexes off the write path of an import (issue 14).
 *
 * The segment full-text index (GIN over to_tsvector('english', text)) is the largest cost of writing segments.
 * It is partial (`WHERE search_ready`, migration 20261203100000_search_ready), and every import writes its
 * segments with search_ready = false, so no import of any size maintains it while writing. A follow-up
 * (`catchUpSearchIndex`: the "search-index" job the import job enqueues, or the CLI after it reports the import)
 * sets search_ready in batches, which puts those rows into the index; only the new rows are indexed, so a small
 * import into a corpus of millions of segments never rebuilds the index. Search stays correct meanwhile: it tests
 * the same predicate on the pending rows, found through the small partial btree `segment_search_pending_idx`
 * (lib/search/segment-match.ts). A follow-up that dies resumes where it stopped (each batch commits).
 *
 * A big import also drops every other non-unique index of `document` and `segment` (each costs a tree insert per
 * row) and the GIN itself at its first new batch, and the follow-up builds them once: CREATE INDEX sorts all
 * entries in one pass — far cheaper than maintaining the trees row by row. While the GIN is away the import
 * writes its rows ready (the build covers them). Unique indexes and primary keys stay: de-duplication by document
 * sha256, segment keys and foreign keys rely on them while the import runs.
 *
 * Each dropped index's definition (pg_get_indexdef, so indexes added by later migrations are covered too) is kept
 * in `deferred_index` in the same transaction as the drop, and removed in the one that builds it again. Reads stay
 * correct throughout: without an index the same WHERE clause is answered by a scan, so rows are never missing from
 * results, only slower to find while the index is away. An import that fails builds whatever is recorded
 * (`ensureIndexes`); one that crashed leaves them to the next follow-up.
 */
export const SEARCH_INDEX = "segment_text_fts_idx";
const SEARCH_INDEX_SQL = `CREATE INDEX IF NOT EXISTS ${SEARCH_INDEX} ON segment USING GIN (to_tsvector('english', text)) WHERE search_ready`;
/** serialises dropping and building the indexes between concurrent imports */
const LOCK_KEY = 0x1f7a_5e01;

/** Imports at least this big (bytes of input) may build the indexes after writing instead of while writing. */
export function deferThresholdBytes(): number {
  return Number(process.env.IN2_IMPORT_DEFER_INDEX_BYTES ?? 64 * 1024 * 1024);
}

/**
 * Which indexes an import defers: from the size threshold on, all non-unique ones of document and segment (or,
 * `IN2_IMPORT_DEFER_BTREES=0`, the full-text one only); below it the full-text one only.
 */
function deferredFilter(all: boolean): string {
  return !all || process.env.IN2_IMPORT_DEFER_BTREES === "0" ? `AND i.indexrelid = to_regclass('${SEARCH_INDEX}')` : "";
}

/**
 * Drops secondary indexes for an import of `bytes` when that pays: the input is at least half the size of the
 * segment table already there (rebuilding costs in proportion to the whole table, maintaining in proportion to
 * the new rows). Then the full-text index is dropped (the follow-up builds it in one sort: 0.21 CPU-s per MB,
 * against ~0.4 to index the same rows one batch at a time), and from deferThresholdBytes on every other non-unique
 * index too. Gives up (keeps the indexes) rather than wait on a lock. Returns whether any index is now deferred.
 */
export async function maybeDeferIndexes(bytes: number): Promise<boolean> {
  if (process.env.IN2_IMPORT_DEFER_INDEX_BYTES === "never") return false;
  const all = bytes >= deferThresholdBytes();
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
    const { rows: [size] } = await client.query<{ size: string }>(`SELECT pg_relation_size('segment')::text AS size`);
    if (bytes * 2 < Number(size!.size)) {
      await client.query("COMMIT");
      return false;
    }
    await client.query("SET LOCAL lock_timeout = '5s'");
    const { rows } = await client.query<{ name: string; table: string; definition: string }>(
      `SELECT c.relname AS name, t.relname AS table, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
       WHERE t.oid IN ('document'::regclass, 'segment'::regclass) AND NOT i.indisunique AND NOT i.indisprimary
         AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) ${deferredFilter(all)}
       ORDER BY c.relname`);
    for (const r of rows) {
      await client.query(
        `INSERT INTO deferred_index (name, table_name, definition) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`,
        [r.name, r.table, r.definition]);
      await client.query(`DROP INDEX IF EXISTS ${quoteIdent(r.name)}`);
    }
    const { rows: [left] } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM deferred_index`);
    await client.query("COMMIT");
    return left!.n > 0;
  } catch {
    await client.query("ROLLBACK").catch(() => {});
    return false;
  } finally {
    client.release();
  }
}

/** Whether an index is deferred or the full-text index is missing (what ensureIndexes would build). */
export async function indexesPending(): Promise<boolean> {
  const { rows: [state] } = await pool().query<{ pending: boolean }>(
    `SELECT to_regclass($1) IS NULL OR EXISTS (SELECT 1 FROM deferred_index) AS pending`, [SEARCH_INDEX]);
  return state!.pending;
}

/**
 * Builds every deferred index, and the full-text index if it is missing (a no-op when nothing is). Returns the
 * seconds spent building.
 */
export async function ensureIndexes(): Promise<number> {
  if (!(await indexesPending())) return 0;
  const t0 = performance.now();
  const client = await pool().connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      await client.query("SET maintenance_work_mem = '256MB'");
      const { rows } = await client.query<{ name: string; definition: string }>(`SELECT name, definition FROM deferred_index ORDER BY name`);
      for (const r of rows) {
        await client.query("BEGIN");
        await client.query(r.definition.replace(/^CREATE (UNIQUE )?INDEX /, "CREATE $1INDEX IF NOT EXISTS "));
        await client.query(`DELETE FROM deferred_index WHERE name = $1`, [r.name]);
        await client.query("COMMIT");
      }
      await client.query(SEARCH_INDEX_SQL);
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      await client.query("RESET maintenance_work_mem").catch(() => {});
      await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  } finally {
    client.release();
  }
  return (performance.now() - t0) / 1000;
}

/** Whether the full-text index is absent (deferred by a big import): rows can then be written ready, the build covers them. */
export async function searchIndexMissing(): Promise<boolean> {
  const { rows: [r] } = await pool().query<{ missing: boolean }>(`SELECT to_regclass($1) IS NULL AS missing`, [SEARCH_INDEX]);
  return r!.missing;
}

/** Segments written by an import that the full-text index does not hold yet. */
export async function pendingSearchSegments(): Promise<number> {
  const { rows: [r] } = await pool().query<{ n: string }>(`SELECT count(*)::text AS n FROM segment WHERE NOT search_ready`);
  return Number(r!.n);
}

const readyBatch = () => Number(process.env.IN2_SEARCH_INDEX_BATCH ?? 20_000);

export interface CatchUp { seconds: number; segments: number }

/**
 * The follow-up of an import: puts every pending segment into the full-text index (search_ready, in batches that
 * each commit, so a crash loses at most one batch's work and a re-run resumes), then builds whatever a big import
 * deferred. Returns { seconds: 0, segments: 0 } when nothing is pending. Safe to run concurrently with imports and
 * with another follow-up (batches skip rows another transaction holds).
 */
export async function catchUpSearchIndex(opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<CatchUp> {
  const { rows: [state] } = await pool().query<{ pending: boolean; ready: boolean; missing: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM deferred_index) OR to_regclass($1) IS NULL AS pending,
            to_regclass('segment_search_pending_idx') IS NOT NULL AS ready,
            to_regclass($1) IS NULL AS missing`, [SEARCH_INDEX]);
  const total = await pendingSearchSegments();
  if (!total && !state!.pending) return { seconds: 0, segments: 0 };
  const t0 = performance.now();
  let done = 0;
  // Without the pending index (deferred by a big import) each batch would scan the table to find its rows, and
  // without the GIN setting the flag costs no index work: one statement then. Otherwise batches, each indexing
  // its rows into the GIN (what the import's write path used to pay).
  const oneShot = !state!.ready || state!.missing;
  while (done < total || oneShot) {
    if (opts.signal?.aborted) break;
    const client = await pool().connect();
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL synchronous_commit = off");
      const r = oneShot
        ? await client.query(`UPDATE segment SET search_ready = true WHERE NOT search_ready`)
        : await client.query(
          `WITH b AS (SELECT id FROM segment WHERE NOT search_ready ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
           UPDATE segment s SET search_ready = true FROM b WHERE s.id = b.id`, [readyBatch()]);
      await client.query("COMMIT");
      done += r.rowCount ?? 0;
      opts.onProgress?.(done, total);
      if (oneShot || !r.rowCount) break;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
  if (!opts.signal?.aborted) await ensureIndexes();
  return { seconds: (performance.now() - t0) / 1000, segments: done };
}

/** Kept for callers of the full-text-only names. */
export const ensureSearchIndex = ensureIndexes;

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
