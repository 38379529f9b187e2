import crypto from "node:crypto";
import { afterAll, inject } from "vitest";
import { closeDb } from "@/lib/db/client";
import { withPool } from "@/lib/db/database";
import { TEMPLATE_DB, withDatabase } from "./global-setup";

/**
 * Gives the calling test file a fresh, migrated database of its own (a clone of the template) and points
 * the app's pool() at it. Dropped again after the file's tests.
 */
export async function useTestDatabase(): Promise<string> {
  const adminUrl = inject("pgAdminUrl");
  const name = `t_${crypto.randomBytes(6).toString("hex")}`;
  await withPool(adminUrl, (pool) => pool.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`));
  const url = withDatabase(adminUrl, name);
  await closeDb();
  process.env.DATABASE_URL = url;
  afterAll(async () => {
    await closeDb();
    await withPool(adminUrl, (pool) => pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });
  return url;
}
