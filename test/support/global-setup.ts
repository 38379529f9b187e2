import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startCluster, type Cluster } from "@/lib/db/cluster";
import { createDatabaseIfMissing, withPool } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";

/**
 * One throwaway PostgreSQL cluster for the whole test run (or TEST_DATABASE_URL's server), holding a
 * migrated template database; each test file clones it into a database of its own (test/support/db.ts).
 */
export const TEMPLATE_DB = "in2_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

let cluster: Cluster | undefined;
let runTmp: string | undefined;
const savedTmpdir = process.env.TMPDIR;

export async function setup(project: TestProject) {
  // Every temporary file of the run (test files' mkdtemp dirs, the throwaway cluster) goes under one directory that
  // teardown removes, so a run leaves nothing in the system's temp dir whichever test forgot its own. The test
  // processes start after this and inherit TMPDIR. 0755: the postgres user must reach the clusters inside.
  runTmp = fs.mkdtempSync(path.join(os.tmpdir(), "in2-vitest-"));
  fs.chmodSync(runTmp, 0o755);
  process.env.TMPDIR = runTmp;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    // inside the run's directory, so teardown removes it with the rest
    cluster = await startCluster({ dataDir: path.join(runTmp, "pg"), throwaway: true });
    adminUrl = cluster.url("postgres");
  }
  const templateUrl = withDatabase(adminUrl, TEMPLATE_DB);
  await withPool(adminUrl, async (pool) => {
    await pool.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
  });
  await createDatabaseIfMissing(adminUrl, TEMPLATE_DB);
  await withPool(templateUrl, (pool) => migrate(pool));
  project.provide("pgAdminUrl", adminUrl);
}

export async function teardown() {
  await cluster?.stop();
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  if (runTmp) fs.rmSync(runTmp, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
