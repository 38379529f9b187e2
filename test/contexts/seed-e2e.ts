/**
 * Seeds the e2e server's database for e2e/contexts.spec.ts: the demo corpus, accepted corpus-real pairs and one
 * assembly run over them (no short contexts, so every preview has fillers around its evidence). Run as
 * `node --import tsx test/contexts/seed-e2e.ts <count>` with IN2_DATA_DIR pointing at the running server's data.
 * Prints one JSON line: the run, and each pair's evidence segment texts as stored.
 */
import { createRun, runAssembly } from "@/lib/contexts";
import { closeDb, pool } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/db/database";
import { importDemo, seedAssemblyPairs } from "./support";

const count = Number(process.argv[2] ?? 8);
const handle = await ensureDatabase();
process.env.DATABASE_URL = handle.url;
try {
  const ids = await seedAssemblyPairs(await importDemo(), count);
  const opts = { minTokens: 4096, maxTokens: 32768, shortRatio: 0, seed: "e2e" };
  const runId = await createRun({ ...opts, selection: { pairIds: ids } }, opts.seed);
  const summary = await runAssembly(runId, { pairIds: ids }, opts);
  const { rows } = await pool().query<{ pairId: number; type: string; piece: number; needed: boolean; text: string }>(
    `SELECT e.pair_id AS "pairId", p.type::text AS type, e.piece, e.needed, s.text FROM pair_evidence e JOIN pair p ON p.id = e.pair_id
     JOIN segment s ON s.id = e.segment_id WHERE e.pair_id = ANY($1::int[]) ORDER BY e.pair_id, e.piece`, [ids]);
  process.stdout.write(`${JSON.stringify({ runId, assembled: summary.assembled, evidence: rows })}\n`);
} finally {
  await closeDb();
  await handle.close();
}
