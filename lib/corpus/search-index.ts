import { pool } from "@/lib/db/client";

/**
 * The segment full-text index (GIN over to_tsvector('english', text), created by the init migration) is the
 * largest cost of writing segments: every row's tsvector goes into the tree as it is written. A big import
 * builds it once at the end instead (issue 14 lever): CREATE INDEX sorts all entries in one pass (in parallel on
 * PostgreSQL 18) — far cheaper than maintaining the tree row by row.
 *
 * Search stays correct throughout: without the index the same WHERE clause is answered by a scan, so rows are
 * never missing from results, only slower to find while the index is away. Every import ends by making sure the
 * index exists, so one that crashed mid-way leaves it missing only until the next import finishes (or until
 * `ensureSearchIndex` runs).
 */
export const SEARCH_INDEX = "segment_text_fts_idx";
const SEARCH_INDEX_SQL = `CREATE INDEX IF NOT EXISTS ${SEARCH_INDEX} ON segment USING GIN (to_tsvector('english', text))`;
/** serialises dropping and building the index between concurrent imports */
const LOCK_KEY = 0x1f7a_5e01;

/** Imports at least this big (bytes of input) may build the index after writing instead of while writing. */
export function deferThresholdBytes(): number {
  return Number(process.env.IN2_IMPORT_DEFER_INDEX_BYTES ?? 64 * 1024 * 1024);
}

/**
 * Drops the index for an import of `bytes` when that pays: the input is big, and at least half the size of the
 * segment table already there (rebuilding costs in proportion to the whole table, maintaining in proportion to
 * the new rows). Gives up (keeps the index) rather than wait on a lock. Returns whether it dropped the index.
 */
export async function maybeDeferSearchIndex(bytes: number): Promise<boolean> {
  if (bytes < deferThresholdBytes()) return false;
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
    const { rows } = await client.query<{ size: string; present: boolean }>(
      `SELECT pg_relation_size('segment')::text AS size, to_regclass($1) IS NOT NULL AS present`, [SEARCH_INDEX]);
    if (!rows[0]!.present || bytes * 2 < Number(rows[0]!.size)) {
      await client.query("COMMIT");
      return !rows[0]!.present;
    }
    await client.query("SET LOCAL lock_timeout = '5s'");
    await client.query(`DROP INDEX IF EXISTS ${SEARCH_INDEX}`);
    await client.query("COMMIT");
    return true;
  } catch {
    await client.query("ROLLBACK").catch(() => {});
    return false;
  } finally {
    client.release();
  }
}

/** Builds the index if it is missing (a no-op when it exists). Returns the seconds spent building. */
export async function ensureSearchIndex(): Promise<number> {
  const { rows } = await pool().query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [SEARCH_INDEX]);
  if (rows[0]!.present) return 0;
  const t0 = performance.now();
  const client = await pool().connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      await client.query("SET maintenance_work_mem = '256MB'");
      await client.query(SEARCH_INDEX_SQL);
    } finally {
      await client.query("RESET maintenance_work_mem").catch(() => {});
      await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  } finally {
    client.release();
  }
  return (performance.now() - t0) / 1000;
}
