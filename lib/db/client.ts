import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";

/**
 * One pg pool and one Prisma client per process, cached on globalThis so Next's dev reloads reuse them.
 * Prisma serves the ordinary reads and writes; the pool serves set-based SQL, COPY and keyset pages.
 */
interface DbGlobals {
  pool?: pg.Pool;
  prisma?: PrismaClient;
}
const g = globalThis as typeof globalThis & { __in2db?: DbGlobals };
const state: DbGlobals = (g.__in2db ??= {});

// int8 (counts, sums) as JS numbers: our counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start` or call ensureDatabase() first");
  return url;
}

export function pool(): pg.Pool {
  if (!state.pool) {
    state.pool = new pg.Pool({ connectionString: databaseUrl(), max: Number(process.env.IN2_DB_POOL ?? 10) });
    // An idle connection that the server drops (Postgres stopping, a restart) must not crash the process;
    // the next query simply opens a new connection.
    state.pool.on("error", (err) => console.error(`[db] idle connection lost: ${err.message}`));
  }
  return state.pool;
}

export function db(): PrismaClient {
  state.prisma ??= new PrismaClient({ adapter: new PrismaPg(pool()) });
  return state.prisma;
}

/** Closes the pool and client (CLI commands and tests call this before exiting). */
export async function closeDb(): Promise<void> {
  const { prisma, pool: p } = state;
  state.prisma = undefined;
  state.pool = undefined;
  await prisma?.$disconnect();
  await p?.end().catch(() => {});
}
