import { beforeAll, describe, expect, it } from "vitest";
import { listRuns } from "@/lib/contexts/list";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";

/** The runs list reads a per-run context count kept by statement triggers (it no longer counts the context table). */
beforeAll(async () => {
  await useTestDatabase();
});

async function addContexts(runId: number, pairIds: number[]) {
  await pool().query(
    `INSERT INTO context (run_id, pair_id, kind, seed, target_tokens, total_tokens, tokenizer, spans)
     SELECT $1, p, 'long', '1', 4096, 4000, 'mistral', '[]' FROM unnest($2::int[]) p ON CONFLICT (run_id, pair_id) DO NOTHING`,
    [runId, pairIds]);
}

describe("assembly runs list", () => {
  it("counts each run's contexts as they are written, re-written and removed", async () => {
    const { rows } = await pool().query<{ id: number }>(
      `INSERT INTO assembly_run (params, seed) VALUES ('{}', '1'), ('{}', '2') RETURNING id`);
    const [a, b] = rows.map((r) => r.id) as [number, number];
    await addContexts(a, [1, 2, 3]);
    await addContexts(b, [1]);
    await addContexts(a, [3, 4]); // a resumed batch: pair 3 is already there and is not counted twice
    let runs = await listRuns();
    expect(runs.map((r) => [r.id, r.contexts])).toEqual([[b, 1], [a, 4]]);
    await pool().query(`DELETE FROM context WHERE run_id = $1 AND pair_id IN (1, 2)`, [a]);
    runs = await listRuns();
    expect(runs.find((r) => r.id === a)!.contexts).toBe(2);
    const { rows: real } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM context WHERE run_id = $1`, [a]);
    expect(real[0]!.n).toBe(2);
  });
});
