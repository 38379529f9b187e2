// npx tsx scripts/bench/prompts.ts [--pairs 1000000 --repeat 5]
// The prompt lab at scale (issue 15): N pairs over 4 prompt versions × 3 models, N generation items, N segments in
// N/4 documents, seeded server-side (generate_series; short texts). Times, in the same run on the same database:
//  - the comparison table: promptComparison() (trigger-kept counters) vs the grouped passes over every pair and
//    every generation item it made before (reference);
//  - the dry run's 5 inputs, single and multi: sampleInputs() (seeded index walk) vs the ORDER BY hash LIMIT 5 over
//    every segment / document it made before (reference);
//  - what the counters cost writers: a bulk status update and a flag update of min(20K, N/10) pairs, with the
//    prompt_pair_stat trigger enabled vs disabled (each rolled back).
// EXPLAIN ANALYZE summaries go to stderr; one JSON line to stdout.
import os from "node:os";
import { parseArgs } from "node:util";
import { pool } from "@/lib/db/client";
import { promptComparison } from "@/lib/prompts/comparison";
import { sampleInputs } from "@/lib/prompts/dry-run";
import { benchDatabase, machine } from "./support";

const { values } = parseArgs({ options: { pairs: { type: "string", default: "1000000" }, repeat: { type: "string", default: "5" } } });
const N = Number(values.pairs);
const REPEAT = Number(values.repeat);
/** rows of the two write-cost statements (a bulk action's size) */
const WRITE_ROWS = Math.min(20_000, Math.ceil(N / 10));

const OLD_COMPARISON = [
  `SELECT prompt_version AS pv, model, status, sum(n)::int AS n FROM pair_count GROUP BY 1, 2, 3 HAVING sum(n) > 0`,
  `SELECT prompt_version AS pv, model, count(*) FILTER (WHERE quality_flags <> '[]'::jsonb)::int AS flagged,
     count(*) FILTER (WHERE verification IS NOT NULL)::int AS verified,
     count(*) FILTER (WHERE verification @> '{"passed": false}'::jsonb)::int AS failed
   FROM pair GROUP BY 1, 2`,
  `SELECT split_part(key, '|', 3) AS pv, substr(split_part(key, '|', 4), strpos(split_part(key, '|', 4), ':') + 1) AS model,
     avg(prompt_tokens + completion_tokens) FILTER (WHERE pair_id IS NOT NULL)::float8 AS tokens, coalesce(sum(cost_usd), 0)::float8 AS usd
   FROM generation_item GROUP BY 1, 2`,
];
const OLD_SAMPLE_SINGLE = `SELECT s.id, s.text FROM segment s JOIN document d ON d.id = s.document_id WHERE ($2::int IS NULL OR s.corpus_id = $2)
  ORDER BY hashtextextended(d.sha256 || ':' || s.index || '|' || $1, 0), s.id LIMIT 5`;
const OLD_SAMPLE_MULTI = `SELECT ARRAY(SELECT s.id FROM segment s WHERE s.document_id = d.id ORDER BY s.index LIMIT 8) AS ids,
    ARRAY(SELECT s.text FROM segment s WHERE s.document_id = d.id ORDER BY s.index LIMIT 8) AS texts
  FROM document d WHERE d.segment_count >= 2 AND ($2::int IS NULL OR d.corpus_id = $2)
  ORDER BY hashtextextended(d.sha256 || '|' || $1, 0), d.id LIMIT 5`;

async function seed() {
  const docs = Math.ceil(N / 4);
  await pool().query(`INSERT INTO corpus (id, name, tokenizer, segment_count) VALUES (1, 'bench', 'mistral', ${N})`);
  await pool().query(`INSERT INTO job (id, kind, status) VALUES (1, 'generate', 'succeeded')`);
  await pool().query(`INSERT INTO document (id, corpus_id, sha256, text, char_count, token_count, segment_count)
    SELECT d, 1, md5('doc' || d), 'bench document ' || d, 20, 4, 4 FROM generate_series(1, ${docs}) d`);
  await pool().query(`INSERT INTO segment (id, document_id, corpus_id, index, text, token_count, char_start, char_end, key_hash)
    SELECT s, (s - 1) / 4 + 1, 1, (s - 1) % 4, 'segment ' || s || ' of a bench document', 160, 0, 30, hashtextextended(md5('doc' || ((s - 1) / 4 + 1)) || ':' || ((s - 1) % 4), 0)
    FROM generate_series(1, ${docs * 4}) s`);
  // 4 prompt versions × 3 models; a quarter flagged, half verified (a fifth of those failed), mixed statuses
  await pool().query(`INSERT INTO pair (id, key, type, corpus_id, document_id, question, answer, support, status, original, provider, model, prompt_version,
      quality_flags, quality_score, verification, job_id)
    SELECT i, 'single|' || md5('doc' || ((i - 1) / 4 + 1)) || ':' || ((i - 1) % 4) || '|pv' || (i % 4) || '|openai:m' || (i % 3),
      'single', 1, (i - 1) / 4 + 1, 'q' || i, 'a' || i, '[]', (ARRAY['pending', 'accepted', 'rejected', 'flagged'])[1 + i % 7 % 4]::"PairStatus", '{}', 'openai',
      'm' || (i % 3), 'pv' || (i % 4), CASE WHEN i % 4 = 0 THEN '[{"code": "meta_phrase"}]'::jsonb ELSE '[]'::jsonb END, 1,
      CASE WHEN i % 2 = 0 THEN jsonb_build_object('passed', i % 10 <> 0) END, 1
    FROM generate_series(1, ${N}) i`);
  await pool().query(`INSERT INTO generation_item (id, job_id, key, type, segment_ids, status, prompt_tokens, completion_tokens, cost_usd, pair_id)
    SELECT i, 1, 'single|' || md5('doc' || ((i - 1) / 4 + 1)) || ':' || ((i - 1) % 4) || '|pv' || (i % 4) || '|openai:m' || (i % 3), 'single', ARRAY[i],
      'succeeded', 300 + i % 50, 60 + i % 20, 0.0001 * (1 + i % 5), i
    FROM generate_series(1, ${N}) i`);
  await pool().query(`SELECT setval('pair_id_seq', ${N}); SELECT setval('segment_id_seq', ${docs * 4}); SELECT setval('document_id_seq', ${docs}); SELECT setval('generation_item_id_seq', ${N})`);
  await pool().query("VACUUM ANALYZE");
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  await fn(); // warm
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < REPEAT; i++) { const t0 = performance.now(); result = await fn(); times.push(performance.now() - t0); }
  times.sort((a, b) => a - b);
  return { ms: Number(times[Math.floor(times.length / 2)]!.toFixed(2)), result };
}

async function explain(label: string, sql: string, params: unknown[] = []) {
  const { rows } = await pool().query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  const plan = rows.map((r) => r["QUERY PLAN"] as string);
  console.error(`  ${label}: ${plan[0]!.trim().slice(0, 110)} … ${plan.find((l) => l.startsWith("Execution Time"))}`);
}

/** The first SQL statement `fn` sends (to EXPLAIN what a library function runs). */
async function lastQueryOf(fn: () => Promise<unknown>): Promise<[string, unknown[]]> {
  const p = pool() as unknown as { query: (...a: unknown[]) => unknown };
  const orig = p.query;
  let seen: [string, unknown[]] | null = null;
  p.query = (...a: unknown[]) => { seen ??= [a[0] as string, (a[1] as unknown[]) ?? []]; return orig.apply(p, a); };
  try { await fn(); } finally { p.query = orig; }
  return seen!;
}

async function writeCost(sql: string) {
  const run = async (enabled: boolean) => {
    const c = await pool().connect();
    try {
      await c.query("BEGIN");
      if (!enabled) await c.query(`ALTER TABLE pair DISABLE TRIGGER prompt_pair_stat_upd`);
      const t0 = performance.now();
      await c.query(sql);
      const ms = performance.now() - t0;
      await c.query("ROLLBACK");
      return ms;
    } finally { c.release(); }
  };
  const on: number[] = [], off: number[] = [];
  for (let i = 0; i < 3; i++) { off.push(await run(false)); on.push(await run(true)); }
  const med = (xs: number[]) => Number([...xs].sort((a, b) => a - b)[1]!.toFixed(1));
  return { withCounters: med(on), without: med(off), ratio: Number((med(on) / med(off)).toFixed(2)) };
}

const db = await benchDatabase();
try {
  const t0 = performance.now();
  console.error(`seeding ${N.toLocaleString()} pairs, items and segments · ${machine()} · load ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  await seed();
  console.error(`seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const newCmp = await timed(() => promptComparison());
  const oldCmp = await timed(() => Promise.all(OLD_COMPARISON.map((q) => pool().query(q))));
  // the counters give the numbers the grouped passes give
  const flags = oldCmp.result[1]!;
  for (const f of flags.rows as { pv: string; model: string; flagged: number }[]) {
    const r = newCmp.result.find((x) => x.promptVersion === f.pv && x.model === f.model);
    if (!r || Math.abs((r.flagRate ?? 0) * r.pairs - f.flagged) > 0.5) throw new Error(`counters disagree for ${f.pv} × ${f.model}`);
  }
  const newSingle = await timed(() => sampleInputs("single", "7", 1));
  const oldSingle = await timed(() => pool().query(OLD_SAMPLE_SINGLE, ["7", 1]));
  const newMulti = await timed(() => sampleInputs("multi", "7", 1));
  const oldMulti = await timed(() => pool().query(OLD_SAMPLE_MULTI, ["7", 1]));
  console.error("EXPLAIN ANALYZE:");
  await explain("comparison, counters (prompt_pair_stat)", `SELECT prompt_version, model, sum(flagged), sum(verified), sum(failed) FROM prompt_pair_stat GROUP BY 1, 2`);
  await explain("comparison, counters (prompt_item_stat)", `SELECT prompt_version, model, sum(paired_tokens)::float8 / nullif(sum(paired), 0), sum(cost_usd) FROM prompt_item_stat GROUP BY 1, 2`);
  await explain("comparison, before (pair)", OLD_COMPARISON[1]!);
  await explain("comparison, before (generation_item)", OLD_COMPARISON[2]!);
  await explain("dry run single, before", OLD_SAMPLE_SINGLE, ["7", 1]);
  for (const type of ["single", "multi"] as const) {
    const [sql, params] = await lastQueryOf(() => sampleInputs(type, "7", 1));
    await explain(`dry run ${type}, index walk (first arc)`, sql, params);
  }
  const bulk = await writeCost(`UPDATE pair SET status = 'accepted' WHERE id <= ${WRITE_ROWS} AND status <> 'accepted'`);
  const flag = await writeCost(`UPDATE pair SET quality_flags = '[{"code": "answer_too_long"}]'::jsonb WHERE id <= ${WRITE_ROWS}`);
  const out = { bench: "prompts", machine: machine(), load: os.loadavg()[0], pairs: N,
    comparisonMs: newCmp.ms, comparisonBeforeMs: oldCmp.ms, comparisonSpeedup: Number((oldCmp.ms / newCmp.ms).toFixed(0)),
    dryRunSingleMs: newSingle.ms, dryRunSingleBeforeMs: oldSingle.ms, dryRunMultiMs: newMulti.ms, dryRunMultiBeforeMs: oldMulti.ms,
    writeRows: WRITE_ROWS, bulkStatus: bulk, flagUpdate: flag };
  console.error(`comparison ${out.comparisonMs} ms (before ${out.comparisonBeforeMs} ms) · dry-run sample single ${out.dryRunSingleMs} ms (before ${out.dryRunSingleBeforeMs}) · multi ${out.dryRunMultiMs} ms (before ${out.dryRunMultiBeforeMs}) · ${WRITE_ROWS} rows bulk status ${bulk.withCounters} vs ${bulk.without} ms without the counter trigger · flag update ${flag.withCounters} vs ${flag.without} ms`);
  console.log(JSON.stringify(out));
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  pool().on("error", () => {});
  await db.stop();
}
