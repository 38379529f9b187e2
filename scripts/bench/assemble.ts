// npm run bench:assemble [-- --pairs 2000 --segments 1000000 --workers 2]: assembly throughput (contexts/s) with
// the 4K–32K recipe (10% short) on one worker, on the demo corpus and on the same corpus grown to --segments
// segments (seed-scale.ts: copies of the demo documents under new content keys, set-based), against a throwaway
// PostgreSQL. Reference in the same run: reading the inputs only (pair inputs, the eligible filler list, as many
// filler texts as the contexts hold), which no assembler avoids. Then one run shared by 1 … --workers worker
// processes (the extra ones join with joinAssembly, as a second machine would), each run's contexts digested by
// content: equal digests = the same bytes whatever the number of workers. A table goes to stderr; stdout is one
// JSON line. On the grown corpus the eligible filler list is first built and then read back from filler_pool, both
// timed (eligible_list_build_s, eligible_list_read_s); the runs after that read it back, as every run does until
// the corpus changes.
import { spawn } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import { importFiles } from "@/lib/corpus/importer";
import { DEMO_CORPUS, demoFile } from "@/lib/corpus/demo";
import { AppError } from "@/lib/api/errors";
import { runAssembly } from "@/lib/contexts";
import { joinAssembly } from "@/lib/contexts/run";
import { createRun } from "@/lib/contexts/store";
import { DbFillerSource } from "@/lib/contexts/filler-source";
import { eligibleList, forgetKeptLists } from "@/lib/contexts/filler-pool";
import { loadPairInputs } from "@/lib/contexts/inputs";
import { createRng } from "@/lib/random";
import { closeDb, pool } from "@/lib/db/client";
import { getTokenizer } from "@/lib/tokenize";
import { benchDatabase, machine, withPeakRss } from "./support";
import { seedBenchPairs } from "./export-seed";
import { replicateCorpus } from "./seed-scale";

const { values } = parseArgs({ options: {
  pairs: { type: "string", default: "2000" },
  segments: { type: "string", default: "1000000" },
  workers: { type: "string", default: "2" },
  /** internal: this process is an extra worker; it joins the run whose id arrives on stdin */
  join: { type: "boolean", default: false },
} });
const pairCount = Number(values.pairs);
const segmentTarget = Number(values.segments);
const maxWorkers = Number(values.workers);
const OPTS = { minTokens: 4096, maxTokens: 32768, shortRatio: 0.1, seed: "1" };

const load = () => os.loadavg().map((l) => Number(l.toFixed(2)));
const log = (s: string) => console.error(s);

/**
 * What any assembler must read: the pairs' inputs, the eligible filler list (read as assembly reads it) and as
 * many filler texts as the contexts hold (~110 per pair, pseudo-random, one query per batch of 200).
 */
async function readInputsOnly(ids: number[], corpusId: number): Promise<number> {
  let chars = 0;
  const source = await DbFillerSource.forCorpus(corpusId);
  const rng = createRng("reference");
  for (let i = 0; i < ids.length; i += 200) {
    const inputs = await loadPairInputs(ids.slice(i, i + 200));
    // a small corpus is read whole (its fillers recur); a big one ~110 texts per pair
    const drawn = source.attempt(() => source.draw(rng, new Set(), Math.min(inputs.length * 110, Math.floor(source.eligible / 2))));
    const { rows: segs } = await pool().query<{ text: string }>(`SELECT text FROM segment WHERE id = ANY($1::int[])`, [drawn.missing]);
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
  const cpu0 = process.cpuUsage();
  const run = await withPeakRss(() => runAssembly(runId, { pairIds: ids }, OPTS));
  const cpu = process.cpuUsage(cpu0);
  const s = run.result;
  const cps = s.assembled / run.seconds;
  const refCps = ids.length / ref.seconds;
  log(`${name.padEnd(12)} ${s.assembled} contexts (${s.long} long, ${s.short} short, ${s.failed} failed) in ${run.seconds.toFixed(2)} s = ${cps.toFixed(0)}/s, peak RSS ${(run.peakRss / 1e6).toFixed(0)} MB, Node CPU ${((cpu.user + cpu.system) / 1000 / s.assembled).toFixed(2)} ms/context; reference (read inputs only) ${refCps.toFixed(0)}/s`);
  return { contexts_per_s: cps, seconds: run.seconds, node_cpu_ms_per_context: (cpu.user + cpu.system) / 1000 / s.assembled, assembled: s.assembled, failed: s.failed, peak_rss_mb: run.peakRss / 1e6,
    read_inputs_only_per_s: refCps, vs_read_inputs_only: cps / refCps, digest: await digest(runId), load: load() };
}

/** An extra worker process: warms up, says "ready", then joins the run whose id arrives on stdin. */
async function joinMode(): Promise<void> {
  await getTokenizer("mistral");
  await pool().query("SELECT 1");
  process.stdout.write("ready\n");
  let input = "";
  for await (const chunk of process.stdin) {
    input += String(chunk);
    if (input.includes("\n")) break;
  }
  const runId = Number(input.trim());
  const r = await withPeakRss(async () => {
    // the run is planned by the first worker a moment after the go: until then joining is refused
    for (;;) {
      try {
        return await joinAssembly(runId);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== "conflict") throw err;
        await new Promise((res) => setTimeout(res, 50));
      }
    }
  });
  process.stdout.write(`${JSON.stringify({ ...r.result, peak_rss_mb: r.peakRss / 1e6 })}\n`);
  await closeDb();
}

/** One run shared by `workers` processes: this one (runAssembly) and workers − 1 joining ones started beforehand. */
async function shared(ids: number[], workers: number) {
  const children = Array.from({ length: workers - 1 }, () => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, "--join"], { stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    const ready = new Promise<void>((resolve) => child.stdout.on("data", (d) => { out += String(d); if (out.includes("ready\n")) resolve(); }));
    const done = new Promise<{ chunks: number; assembled: number; peak_rss_mb: number }>((resolve, reject) => child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out.split("\n").filter(Boolean).at(-1)!)) : reject(new Error(`worker exited with ${code}`))));
    return { child, ready, done };
  });
  await Promise.all(children.map((c) => c.ready));
  const runId = await createRun({ ...OPTS, selection: { pairIds: ids } }, OPTS.seed);
  const run = await withPeakRss(async () => {
    for (const c of children) c.child.stdin.end(`${runId}\n`);
    const summary = await runAssembly(runId, { pairIds: ids }, OPTS);
    return { summary, others: await Promise.all(children.map((c) => c.done)) };
  });
  const { rows: [n] } = await pool().query<{ n: number; pairs: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT pair_id)::int AS pairs FROM context WHERE run_id = $1`, [runId]);
  const cps = run.result.summary.assembled / run.seconds;
  const byOthers = run.result.others.reduce((s, o) => s + o.assembled, 0);
  log(`${workers} worker(s)    ${n!.n} contexts for ${n!.pairs} pairs in ${run.seconds.toFixed(2)} s = ${cps.toFixed(0)}/s (${byOthers} by the joining workers), load ${load().join(" ")}`);
  return { workers, contexts_per_s: cps, seconds: run.seconds, contexts: n!.n, distinct_pairs: n!.pairs, by_joining_workers: byOthers,
    peak_rss_mb: Math.max(run.peakRss / 1e6, ...run.result.others.map((o) => o.peak_rss_mb)), digest: await digest(runId), load: load() };
}

if (values.join) {
  await joinMode();
  process.exit(0);
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
  const listSeconds = { build: 0, read: 0 };
  if (segmentTarget > seg!.n) {
    const grown = await replicateCorpus(corpusId, segmentTarget);
    segments = grown.segments;
    // the copies carry the texts (and contamination flags) of documents the demo phase already checked against
    // these eval sets: the watermark moves past them, as decontaminating them after an import would
    await pool().query(`UPDATE decontamination SET checked_through = (SELECT max(id) FROM document WHERE corpus_id = $1) WHERE corpus_id = $1`, [corpusId]);
    log(`grew the corpus to ${segments} segments in ${grown.seconds.toFixed(1)} s (+ ${grown.indexSeconds.toFixed(1)} s of index builds)`);
    // the eligible filler list: built once per corpus version (sorting every segment), then read back by every run
    // and worker (lib/contexts/filler-pool.ts); both timed here, the phases below read it back
    await pool().query(`DELETE FROM filler_pool`);
    forgetKeptLists();
    let t = performance.now();
    await eligibleList(corpusId);
    listSeconds.build = (performance.now() - t) / 1000;
    forgetKeptLists();
    t = performance.now();
    await eligibleList(corpusId);
    listSeconds.read = (performance.now() - t) / 1000;
    log(`eligible filler list of ${segments} segments: built in ${listSeconds.build.toFixed(2)} s, read back from filler_pool in ${listSeconds.read.toFixed(2)} s`);
    big = await phase(`${(segments / 1e6).toFixed(2)}M segs`, ids, corpusId);
  }
  const scaling = [];
  for (let w = 1; w <= maxWorkers; w++) scaling.push(await shared(ids, w));
  const one = scaling[0];
  console.log(JSON.stringify({
    bench: "assemble", date: new Date().toISOString(), machine: machine(), load: load(), pairs: ids.length,
    recipe: OPTS, demo_segments: seg!.n, demo, big_segments: segments, eligible_list_build_s: listSeconds.build, eligible_list_read_s: listSeconds.read, big, scaling,
    speedup: one ? Object.fromEntries(scaling.map((s) => [`${s.workers}_workers`, s.contexts_per_s / one.contexts_per_s])) : {},
    same_bytes_any_workers: scaling.every((s) => s.digest === (big ?? demo).digest),
  }));
} finally {
  await db.stop();
}
