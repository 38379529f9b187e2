import type { PoolClient } from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { claimPairs } from "@/lib/review-team/claim";
import { warmServerConnections } from "@/lib/server/warm";
import { useTestDatabase } from "../support/db";
import { seedDemo, signedIn } from "../review/support";

type Plans = { name: string; generic: number; custom: number };
/** Every pooled connection at once (so each is a different backend), with what its named statements have planned. */
async function onEveryConnection<T>(fn: (c: PoolClient) => Promise<T>): Promise<T[]> {
  const clients: PoolClient[] = [];
  try {
    for (let i = 0; i < (pool().options.max ?? 10); i++) clients.push(await pool().connect());
    return await Promise.all(clients.map(fn));
  } finally {
    for (const c of clients) c.release();
  }
}
/** A connection's named statements whose text matches `like` (and not `unlike`), with their plan counts. */
const statements = (like: string, unlike = "") => (c: PoolClient) => c.query<Plans>(
  `SELECT name, generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements
   WHERE statement LIKE $1 AND ($2 = '' OR statement NOT LIKE $2)`, [like, unlike]).then((r) => r.rows);
/** The review page's opening claim (the first round: skipping locked candidates, nothing served yet). */
const openingClaim = statements("%SKIP LOCKED%claim_pair_leases%", "%<> ALL(%");

beforeAll(async () => {
  await useTestDatabase();
});

describe("the web server's warm start (instrumentation.ts)", () => {
  it("on an empty queue it warms every connection and leases nothing", async () => {
    expect(await warmServerConnections()).toBe(pool().options.max);
    expect((await pool().query(`SELECT count(*)::int AS n FROM pair_lease`)).rows[0].n).toBe(0);
  });

  it("every pooled connection has run the opening claim and the session check past their custom plans, and nothing stays leased", async () => {
    const { ids } = await seedDemo(30);
    const reviewer = await signedIn("reviewer", "warm@team.test");
    const before = await pool().query(`SELECT id, status, version FROM pair ORDER BY id`);
    expect(await warmServerConnections()).toBe(pool().options.max);

    const claims = await onEveryConnection(openingClaim);
    const sessions = await onEveryConnection(statements("%FROM session s WHERE s.id = $1%"));
    const pids = await onEveryConnection((c) => c.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`).then((r) => r.rows[0]!.pid));
    expect(new Set(pids).size).toBe(pool().options.max);
    for (const rows of [...claims, ...sessions]) {
      expect(rows).toHaveLength(1);
      // run past PostgreSQL's five custom plans: it has built the generic plan and made its choice between the two
      // (the session check keeps the generic plan; the claim's custom plans are cheaper, so it goes on planning)
      expect(rows[0]!.custom).toBeGreaterThanOrEqual(5);
      expect(rows[0]!.generic).toBeGreaterThanOrEqual(1);
    }
    // the warm-up's claims were rolled back: no lease, no pair changed
    expect((await pool().query(`SELECT count(*)::int AS n FROM pair_lease`)).rows[0].n).toBe(0);
    expect((await pool().query(`SELECT id, status, version FROM pair ORDER BY id`)).rows).toEqual(before.rows);

    // the review page's opening request is that very statement: a real claim is served the queue head
    const page = await claimPairs(reviewer.user.id, { limit: 5 });
    const head = await pool().query<{ id: number }>(`SELECT id FROM pair WHERE status = 'pending' ORDER BY quality_score, id LIMIT 5`);
    expect(page.items.map((p) => p.id)).toEqual(head.rows.map((r) => r.id));
    expect(page.items.every((p) => ids.includes(p.id))).toBe(true);
  });

  it("keeps the warmed connections open (the pool's minimum), so a quiet spell does not make them cold again", () => {
    expect(pool().options.min).toBe(pool().options.max);
    expect(pool().totalCount).toBe(pool().options.max);
  });
});
