import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { endPool, pool } from "@/lib/db/client";
import { withPool } from "@/lib/db/database";
import { useTestDatabase } from "../support/db";

/**
 * Closing a pool right before its server stops (a test's throwaway cluster, the CLI's embedded PostgreSQL): pg's
 * `pool.end()` resolves once it has asked its connections to close, and a server stopping in that moment terminates
 * the ones still open; the pool re-emitted that as an uncaught exception (a CI run failed on it with every test
 * passed, from test/db/embedded.test.ts).
 */
let url: string;
beforeAll(async () => {
  url = await useTestDatabase();
});

/** The backends of the test database whose application_name is `name`. */
const backends = async (name: string) =>
  (await pool().query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = $1`, [name])).rows.map((r) => r.pid);

describe("ending a pool", () => {
  it("endPool resolves only once every connection's socket has closed", async () => {
    const p = new pg.Pool({ connectionString: url, max: 3 });
    const sockets: { destroyed: boolean }[] = [];
    p.on("connect", (c) => sockets.push((c as unknown as { connection: { stream: { destroyed: boolean } } }).connection.stream));
    const held = await Promise.all([p.connect(), p.connect(), p.connect()]);
    for (const c of held) c.release();
    expect(sockets).toHaveLength(3);
    await endPool(p);
    expect(sockets.map((s) => s.destroyed)).toEqual([true, true, true]);
    expect(p.totalCount).toBe(0);
  });

  it("endPool of a pool with no connections, or one already ended, returns at once", async () => {
    const p = new pg.Pool({ connectionString: url });
    const started = Date.now();
    await endPool(p);
    await endPool(p);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("withPool: an idle connection the server terminates is dropped quietly, and the next query opens a new one", async () => {
    const name = `in2-pool-end-${process.pid}`;
    const named = new URL(url);
    named.searchParams.set("application_name", name);
    const answer = await withPool(named.toString(), async (p) => {
      await p.query("SELECT 1");
      const [pid] = await backends(name);
      expect(pid).toBeDefined();
      await pool().query(`SELECT pg_terminate_backend($1)`, [pid]);
      // the pool notices on its idle connection and removes it (without a listener the pool's 'error' event would throw)
      for (let i = 0; i < 100 && p.totalCount > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(p.totalCount).toBe(0);
      return (await p.query<{ n: number }>("SELECT 41 + 1 AS n")).rows[0]!.n;
    });
    expect(answer).toBe(42);
    // and once withPool has returned its connections are gone from the server
    for (let i = 0; i < 50 && (await backends(name)).length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await backends(name)).toEqual([]);
  });
});
