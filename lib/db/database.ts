import path from "node:path";
import pg from "pg";
import { dataDir } from "@/lib/config/paths";
import { endPool } from "./client";
import { startCluster, type Cluster } from "./cluster";
import { migrate } from "./migrate";

export const EMBEDDED_DATABASE = "in2";

export interface DatabaseHandle {
  url: string;
  /** "external" when DATABASE_URL pointed elsewhere; "embedded" when we run (or reuse) .data/pg */
  mode: "external" | "embedded";
  cluster?: Cluster;
  /** stops the embedded server if this process started it */
  close(): Promise<void>;
}

/**
 * Makes a migrated database available and returns its URL. With DATABASE_URL set that server is used;
 * otherwise the embedded PostgreSQL in .data/pg, started here unless another process (the app, a
 * worker, another CLI command) already runs it, in which case we connect to that one.
 */
export async function ensureDatabase(opts: { log?: (line: string) => void } = {}): Promise<DatabaseHandle> {
  const external = process.env.DATABASE_URL;
  if (external) {
    await withPool(external, (pool) => migrate(pool));
    return { url: external, mode: "external", close: async () => {} };
  }
  const cluster = await startCluster({ dataDir: path.join(dataDir(), "pg"), log: opts.log });
  try {
    await createDatabaseIfMissing(cluster.url("postgres"), EMBEDDED_DATABASE);
    const url = cluster.url(EMBEDDED_DATABASE);
    await withPool(url, (pool) => migrate(pool));
    return { url, mode: "embedded", cluster, close: () => cluster.stop() };
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}

export async function createDatabaseIfMissing(adminUrl: string, name: string, template?: string): Promise<void> {
  await withPool(adminUrl, async (pool) => {
    const { rowCount } = await pool.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return;
    const tpl = template ? ` TEMPLATE "${template}"` : "";
    await pool.query(`CREATE DATABASE "${name}"${tpl}`).catch((err: { code?: string }) => {
      if (err.code !== "42P04") throw err; // created concurrently by another starter
    });
  });
}

/** A short-lived pool of its own for `fn` (administration: creating, dropping, migrating databases), closed after. */
export async function withPool<T>(url: string, fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // an idle connection the server drops (it is stopping) is nobody's error here: fn's queries report their own
  pool.on("error", () => {});
  try {
    return await fn(pool);
  } finally {
    await endPool(pool);
  }
}
