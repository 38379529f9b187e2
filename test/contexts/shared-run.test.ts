import { beforeAll, describe, expect, it } from "vitest";
import { joinAssembly, runAssembly, startRun } from "@/lib/contexts/run";
import { createRun } from "@/lib/contexts/store";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";
import { importDemo, seedAssemblyPairs } from "./support";

/**
 * Issue 14.2: several workers share one assembly run without overlap. Two assemblers work the same run at the
 * same time (as two worker processes would: each with its own name, claiming chunks with SKIP LOCKED); every
 * selected pair gets exactly one context, and the contexts are the very ones one worker alone makes.
 */
const OPTS = { minTokens: 4096, maxTokens: 12288, shortRatio: 0.1, seed: "shared" };
let ids: number[] = [];

beforeAll(async () => {
  await useTestDatabase();
  ids = await seedAssemblyPairs(await importDemo(), 48);
});

/** pair id → the context's content (spans by segment content key), for comparing runs */
async function contents(runId: number): Promise<Map<number, string>> {
  const { rows } = await pool().query<{ pairId: number; body: string }>(
    `SELECT c.pair_id AS "pairId",
            c.kind || c.total_tokens || c.target_tokens || c.token_offsets || c.evidence_depths::text ||
            (SELECT string_agg(d.sha256 || ':' || s.index || ':' || (e->>'role') || ':' || (e->>'charStart') || ':' || (e->>'tokenStart'), ',' ORDER BY o)
             FROM jsonb_array_elements(c.spans) WITH ORDINALITY AS x(e, o)
             JOIN segment s ON s.id = (e->>'segmentId')::int JOIN document d ON d.id = s.document_id) AS body
     FROM context c WHERE c.run_id = $1`, [runId]);
  return new Map(rows.map((r) => [r.pairId, r.body]));
}

describe("one assembly run shared by two workers", () => {
  it("gives every selected pair exactly one context, each worker taking its own chunks, with the bytes of one worker", async () => {
    const sel = { pairIds: ids };
    const shared = await createRun({ ...OPTS, selection: sel }, OPTS.seed);
    // small chunks, so both workers get several of them
    await startRun(shared, sel, OPTS, { chunkPairs: 6 });
    const [a, b] = await Promise.all([joinAssembly(shared, { worker: "worker-a" }), joinAssembly(shared, { worker: "worker-b" })]);
    expect(a.chunks).toBeGreaterThan(0);
    expect(b.chunks).toBeGreaterThan(0);
    expect(a.chunks + b.chunks).toBe(8);

    const { rows: chunks } = await pool().query<{ status: string; claimedBy: string }>(
      `SELECT status, claimed_by AS "claimedBy" FROM assembly_chunk WHERE run_id = $1 ORDER BY idx`, [shared]);
    expect(chunks.every((c) => c.status === "done")).toBe(true);
    expect(new Set(chunks.map((c) => c.claimedBy))).toEqual(new Set(["worker-a", "worker-b"]));

    const { rows: [count] } = await pool().query<{ n: number; pairs: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT pair_id)::int AS pairs FROM context WHERE run_id = $1`, [shared]);
    expect(count!.n).toBe(ids.length);
    expect(count!.pairs).toBe(ids.length);
    expect(a.assembled + b.assembled).toBe(ids.length);

    // the job's own pass afterwards finds nothing left to do and summarises the run
    const summary = await runAssembly(shared, sel, OPTS, { worker: "job" });
    expect(summary.assembled).toBe(ids.length);
    expect(summary.failed).toBe(0);
    const { rows: [again] } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM context WHERE run_id = $1`, [shared]);
    expect(again!.n).toBe(ids.length);

    // one worker alone, in another run with the same recipe: the same context for every pair
    const alone = await createRun({ ...OPTS, selection: sel }, OPTS.seed);
    await runAssembly(alone, sel, OPTS, { worker: "alone" });
    const [x, y] = [await contents(shared), await contents(alone)];
    expect(x.size).toBe(ids.length);
    for (const id of ids) expect(x.get(id)).toBe(y.get(id));
  });

  it("lets a worker take over a chunk whose worker stopped, without a second context for any pair", async () => {
    const sel = { pairIds: ids.slice(0, 12) };
    const run = await createRun({ ...OPTS, selection: sel }, OPTS.seed);
    await startRun(run, sel, OPTS, { chunkPairs: 6 });
    // a worker claimed chunk 0 and stopped heart-beating long ago (its lease ran out)
    await pool().query(
      `UPDATE assembly_chunk SET status = 'running', claimed_by = 'dead', heartbeat_at = now() - interval '1 hour' WHERE run_id = $1 AND idx = 0`, [run]);
    const live = await joinAssembly(run, { worker: "live" });
    expect(live.chunks).toBe(2);
    const { rows: [count] } = await pool().query<{ n: number; pairs: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT pair_id)::int AS pairs FROM context WHERE run_id = $1`, [run]);
    expect(count).toEqual({ n: 12, pairs: 12 });
    // the dead worker's late heartbeat is refused: the chunk is no longer its own
    const { rows: owners } = await pool().query<{ claimedBy: string }>(`SELECT claimed_by AS "claimedBy" FROM assembly_chunk WHERE run_id = $1`, [run]);
    expect(owners.map((o) => o.claimedBy)).toEqual(["live", "live"]);
  });
});
