import pg from "pg";

/**
 * One pg pool per process, cached on globalThis so Next's dev reloads reuse it. Every query goes through it
 * (named functions per entity in lib/<feature>/); see ARCHITECTURE.md for why there is no Prisma client.
 */
interface DbGlobals {
  pool?: pg.Pool;
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
    // Idle connections are kept for 5 minutes (pg's default closes them after 10 s): a new PostgreSQL backend
    // pays its catalog caches and plpgsql compiles on its first statements (25–35 ms for a decision's triggers),
    // so after any quiet spell 50 reviewers arriving at once would each pay it. The web server goes further: it
    // warms all of them at start-up and keeps them (warmPool below). allowExitOnIdle lets a CLI process that holds
    // only idle connections exit as before.
    state.pool = new pg.Pool({
      connectionString: databaseUrl(), max: Number(process.env.IN2_DB_POOL ?? 10),
      idleTimeoutMillis: Number(process.env.IN2_DB_IDLE_MS ?? 300_000), allowExitOnIdle: true,
    });
    // An idle connection that the server drops (Postgres stopping, a restart) must not crash the process;
    // the next query simply opens a new connection.
    state.pool.on("error", (err) => console.error(`[db] idle connection lost: ${err.message}`));
  }
  return state.pool;
}

/**
 * Opens all of the pool's connections now, runs `warm` on each (one at a time), and keeps them open from then on (the
 * pool's `min`; idle connections are otherwise closed after IN2_DB_IDLE_MS). For the web server at start-up: a new
 * PostgreSQL backend pays its catalog caches, plpgsql compiles and custom plans on its first statements, and a team
 * opening the review page at once would otherwise pay them on every connection in the same instant. A connection
 * whose warm-up fails is still kept (the failure is reported); returns how many were warmed.
 */
export async function warmPool(warm: (client: pg.PoolClient) => Promise<unknown>): Promise<number> {
  const p = pool();
  // all checked out at once, so each is a different connection; each goes back to the pool (and to the requests
  // waiting for one) as soon as it is warm
  const clients: pg.PoolClient[] = [];
  try {
    for (let i = 0; i < (p.options.max ?? 10); i++) clients.push(await p.connect());
    p.options.min = clients.length;
    let warmed = 0;
    while (clients.length) {
      const c = clients.pop()!;
      try {
        await warm(c);
        warmed++;
      } catch (err) {
        console.error(`[db] warming a connection failed: ${(err as Error).message}`);
      } finally {
        c.release();
      }
    }
    return warmed;
  } finally {
    for (const c of clients) c.release();
  }
}

/** Closes the pool (CLI commands and tests call this before exiting). */
export async function closeDb(): Promise<void> {
  const p = state.pool;
  state.pool = undefined;
  if (p) await endPool(p);
}

/**
 * Ends a pool and waits until every one of its connections has closed. `pool.end()` alone resolves once it has
 * asked them to close: a server stopped right after (a test's cluster, the CLI's embedded one) then terminates
 * connections still open, and the pool re-emits that error, which is an uncaught exception where the pool has no
 * 'error' listener. Gives up waiting after `timeoutMs`.
 */
export async function endPool(p: pg.Pool, timeoutMs = 5_000): Promise<void> {
  const open = p.totalCount;
  let removed = 0;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) return resolve();
    p.on("remove", () => { if (++removed >= open) resolve(); });
  });
  await p.end().catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise<void>((r) => { timer = setTimeout(r, timeoutMs); })]);
  clearTimeout(timer);
}

/**
 * Runs `fn` inside one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when it throws
 * (the error is rethrown), and the connection goes back to the pool either way.
 */
export async function withTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
