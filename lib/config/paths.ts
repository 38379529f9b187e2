import path from "node:path";

/** The project root: bin/in2.mjs and scripts set IN2_ROOT; Next and tests run with the root as cwd. */
export function projectRoot(): string {
  return process.env.IN2_ROOT ?? process.cwd();
}

/** Where the app keeps its own data (embedded Postgres, uploads, exports). */
export function dataDir(): string {
  return process.env.IN2_DATA_DIR ?? path.join(projectRoot(), ".data");
}

export function migrationsDir(): string {
  return path.join(projectRoot(), "prisma", "migrations");
}
