import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { bulkUpdate } from "@/lib/pairs/bulk";
import { countPairs } from "@/lib/pairs/list";
import { pairOverview } from "@/lib/pairs/overview";
import { undoEvent } from "@/lib/pairs/undo";
import { updatePair } from "@/lib/pairs/update";
import { useTestDatabase } from "../support/db";
import { seedDemo, signedIn } from "./support";

/** The maintained counters must always equal a direct count of the pairs, whatever wrote them. */
async function counted() {
  const { rows } = await pool().query<{ k: string; n: number }>(
    `SELECT status || '/' || type || '/' || model || '/' || prompt_version AS k, count(*)::int AS n FROM pair GROUP BY 1 ORDER BY 1`);
  return Object.fromEntries(rows.map((r) => [r.k, r.n]));
}
async function maintained() {
  const { rows } = await pool().query<{ k: string; n: number }>(
    `SELECT status || '/' || type || '/' || model || '/' || prompt_version AS k, sum(n)::int AS n FROM pair_count
     GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1`);
  return Object.fromEntries(rows.map((r) => [r.k, r.n]));
}

let ids: number[];
let actor: number;

beforeAll(async () => {
  await useTestDatabase();
  ({ ids } = await seedDemo(40));
  actor = (await signedIn("curator")).user.id;
});

describe("maintained pair counters", () => {
  it("match a direct count after inserts", async () => {
    expect(Object.keys(await counted()).length).toBeGreaterThan(0);
    expect(await maintained()).toEqual(await counted());
  });

  it("follow single decisions, edits that change no counted column, and undo", async () => {
    const [a, b] = ids as [number, number];
    const ra = await updatePair(a, { status: "accepted", version: 1 }, actor);
    await updatePair(b, { status: "rejected", version: 1 }, actor);
    await updatePair(b, { question: "What changed in the edited question?", version: 2 }, actor);
    expect(await maintained()).toEqual(await counted());
    await undoEvent(a, ra.eventId!, actor);
    expect(await maintained()).toEqual(await counted());
    const o = await pairOverview();
    expect(o.total).toBe(40);
    expect(o.byStatus.rejected).toBe(1);
    expect(o.byStatus.accepted).toBe(0);
  });

  it("follow bulk actions and deletions in one statement", async () => {
    const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair WHERE type = 'single'`);
    const r = await bulkUpdate({ type: "single" }, "flag", rows[0]!.n, actor);
    expect(r.changed).toBeGreaterThan(0);
    expect(await maintained()).toEqual(await counted());
    await pool().query(`DELETE FROM pair WHERE id = ANY($1::int[])`, [ids.slice(-5)]);
    expect(await maintained()).toEqual(await counted());
    const o = await pairOverview();
    expect(o.total).toBe(35);
    const flagged = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair WHERE status = 'flagged'`);
    expect(flagged.rows[0]!.n).toBeGreaterThan(0);
    expect(o.byStatus.flagged).toBe(flagged.rows[0]!.n);
  });

  it("answer the table's count for status, type, model and prompt filters, equal to counting the pairs", async () => {
    const direct = async (where: string, values: unknown[]) =>
      (await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair WHERE ${where}`, values)).rows[0]!.n;
    const { rows: [some] } = await pool().query<{ model: string; pv: string }>(`SELECT model, prompt_version AS pv FROM pair ORDER BY id LIMIT 1`);
    const cases: [Parameters<typeof countPairs>[0], string, unknown[]][] = [
      [{}, "TRUE", []],
      [{ status: "pending" }, "status = 'pending'", []],
      [{ status: "flagged", type: "single" }, "status = 'flagged' AND type = 'single'", []],
      [{ model: some!.model }, "model = $1", [some!.model]],
      [{ model: some!.model, promptVersion: some!.pv, status: "pending" }, "model = $1 AND prompt_version = $2 AND status = 'pending'", [some!.model, some!.pv]],
      [{ model: "no such model" }, "model = $1", ["no such model"]],
    ];
    for (const [filter, where, values] of cases) expect(await countPairs(filter), JSON.stringify(filter)).toBe(await direct(where, values));
    expect((await countPairs({})) > 0 && (await countPairs({ status: "flagged" })) > 0).toBe(true);
    // a condition the counters do not keep is counted on the pairs themselves
    expect(await countPairs({ status: "pending", edited: "true" })).toBe(await direct("status = 'pending' AND edited", []));
  });
});

