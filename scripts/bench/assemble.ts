// npm run bench:assemble [-- --pairs 2000 --segments 1000000 --workers 2]: assembly throughput (contexts/s) with
// the 4K–32K recipe (10% short) on one worker, on the demo corpus and on the same corpus grown to --segments
// segments (clones of the demo documents under new content keys, made with set-based SQL), against a throwaway
// PostgreSQL. Reference in the same run: reading the inputs only (pair inputs + the eligible filler list + the
// fillers' texts), i.e. what no assembler can avoid. Then 1 → N worker processes sharing one run. A table goes to
// stderr; stdout is one JSON line.
import { spawn } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import { importFiles } from "@/lib/corpus/importer";
import { DEMO_CORPUS, demoFile } from "@/lib/corpus/demo";
import { pool } from "@/lib/db/client";
import { runAssembly } from "@/lib/contexts";
import { createRun } from "@/lib/contexts/store";
import { loadPairInputs } from "@/lib/contexts/inputs";
import { benchDatabase, machine, withPeakRss } from "./support";
import { seedBenchPairs } from "./export-seed";

const { values } = parseArgs({ options: {
  pairs: { type: "string", default: "2000" },
  segments: { type: "string", default: "1000000" },
  workers: { type: "string", default: "2" },
} });
const pairCount = Number(values.pairs);
const segmentTarget = Number(values.segments);
const maxWorkers = Number(values.workers);
const OPTS = { minTokens: 4096, maxTokens: 32768, shortRatio: 0.1, seed: "1" };

const load = () => os.loadavg().map((l) => Number(l.toFixed(2)));
const log = (s: string) => console.error(s);

/** Clones the corpus's original documents (and their segments) under new content keys until it holds `target` segments. */
async function growCorpus(corpusId: number, target: number): Promise<number> {
  const { rows: [have] } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM segment WHERE corpus_id = $1`, [corpusId]);
  const base = have!.n;
  const copies = Math.ceil((target - base) / base);
  if (copies <= 0) return base;
  await pool().query(`CREATE TEMP TABLE clone_map (orig int, k int, sha text, id int)`);
  await pool().query(
    `INSERT INTO clone_map (orig, k, sha)
     SELECT d.id, k, encode(sha256(convert_to(d.sha256 || ':clone:' || k, 'UTF8')), 'hex')
     FROM document d CROSS JOIN generate_series(1, $2::int) k WHERE d.corpus_id = $1`, [corpusId, copies]);
  await pool().query(
    `INSERT INTO document (corpus_id, sha256, text, meta, char_count, token_count, segment_count)
     SELECT $1, m.sha, d.text, '{}', d.char_count, d.token_count, d.segment_count
     FROM clone_map m JOIN document d ON d.id = m.orig ORDER BY m.k, m.orig`, [corpusId]);
  await pool().query(`UPDATE clone_map m SET id = d.id FROM document d WHERE d.corpus_id = $1 AND d.sha256 = m.sha`, [corpusId]);
  await pool().query(
    `INSERT INTO segment (document_id, corpus_id, index, text, token_count, char_start, char_end, sep_before, key_hash)
     SELECT m.id, $1, s.index, s.text, s.token_count, s.char_start, s.char_end, s.sep_before, hashtextextended(m.sha || ':' || s.index, 0)
     FROM clone_map m JOIN segment s ON s.document_id = m.orig ORDER BY m.id, s.index`, [corpusId]);
  await pool().query(`DROP TABLE clone_map`);
  await pool().query(`ANALYZE document; ANALYZE segment`);
  const { rows: [now] } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM segment WHERE corpus_id = $1`, [corpusId]);
  return now!.n;
}

/** What any assembler must read: the pairs' inputs, the eligible list and ~the fillers' texts (as many bytes as the contexts hold). */
async function readInputsOnly(ids: number[], corpusId: number): Promise<number> {
  let chars = 0;
  const { rows } = await pool().query<{ id: number }>(
    `SELECT s.id FROM segment s JOIN document d ON d.id = s.document_id
     WHERE s.corpus_id = $1 AND NOT d.contaminated ORDER BY d.sha256 COLLATE "C", s.index`, [corpusId]);
  const eligible = Int32Array.from(rows, (r) => r.id);
  let x = 12345;
  for (let i = 0; i < ids.length; i += 200) {
    const inputs = await loadPairInputs(ids.slice(i, i + 200));
    const want: number[] = [];
    // ~160 fillers of ~120 tokens per 18K-token context: pseudo-random ids, fetched in one query per batch
    for (let j = 0; j < inputs.length * 110; j++) { x = (x * 1103515245 + 12345) >>> 0; want.push(eligible[x % eligible.length]!); }
    const { rows: segs } = await pool().query<{ text: string }>(`SELECT text FROM segment WHERE id = ANY($1::int[])`, [want]);
    for (const s of segs) chars += s.text.length;
    for (const p of inputs) chars += p.input.sourceDocument.text.length;
  }
  return chars;
}

/** A digest of a run's contexts by content (pair key, spans by segment content key): equal outputs, equal digest. */
async function digest(runId: number): Promise<string> {
  const { rows: [r] } = await pool().query<{ d: string }>(
    `SELECT md5(string_agg(p.key || '|' || c.kind || '|' || c.total_tokens || '|' || c.target_tokens || '|' || c.token_offsets || '|'
                 || c.evidence_depths::text || '|' || c.spans::text, E'\\n' ORDER BY p.key)) AS d
     FROM context c JOIN pair p ON p.id = c.pair_id WHERE c.run_id = $1`, [runId]);
  return r!.d;
}

async function phase(name: string, ids: number[], corpusId: number) {
  const ref = await withPeakRss(() => readInputsOnly(ids, corpusId));
  const runId = await createRun({ ...OPTS, selection: { pairIds: ids } }, OPTS.seed);
  const run = await withPeakRss(() => runAssembly(runId, { pairIds: ids }, OPTS));
  const s = run.result;
  const cps = s.assembled / run.seconds;
  const refCps = ids.length / ref.seconds;
  log(`${name.padEnd(12)} ${s.assembled} contexts (${s.long} long, ${s.short} short, ${s.failed} failed) in ${run.seconds.toFixed(2)} s = ${cps.toFixed(0)}/s, peak RSS ${(run.peakRss / 1e6).toFixed(0)} MB; reference (read inputs only) ${refCps.toFixed(0)}/s`);
  return { contexts_per_s: cps, seconds: run.seconds, assembled: s.assembled, failed: s.failed, peak_rss_mb: run.peakRss / 1e6,
    read_inputs_only_per_s: refCps, vs_read_inputs_only: cps / refCps, digest: await digest(runId), load: load() };
}

const db = await benchDatabase();
try {
  const t0 = performance.now();
  const { corpusId } = await importFiles({ corpus: DEMO_CORPUS, files: [{ path: demoFile() }] });
  const ids = await seedBenchPairs(corpusId, pairCount);
  const { rows: [seg] } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM segment`);
  log(`bench:assemble — ${machine()}; seeded ${seg!.n} demo segments and ${ids.length} pairs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const demo = await phase("demo", ids, corpusId);
  let big: Awaited<ReturnType<typeof phase>> | null = null;
  let segments = seg!.n;
  if (segmentTarget > seg!.n) {
    const t1 = performance.now();
    segments = await growCorpus(corpusId, segmentTarget);
    log(`grew the corpus to ${segments} segments in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    big = await phase(`${(segments / 1e6).toFixed(2)}M segs`, ids, corpusId);
  }
  console.log(JSON.stringify({
    bench: "assemble", date: new Date().toISOString(), machine: machine(), load: load(), pairs: ids.length,
    recipe: OPTS, demo_segments: seg!.n, demo, big_segments: segments, big,
  }));
} finally {
  await db.stop();
}
