// npm run bench:scale [-- --pairs 100000 --segments 1000000 --target 1500000 --import-mb 100]: a paper-scale dry run
// on a throwaway PostgreSQL. Imports the demo corpus and an --import-mb file of unique real documents through the
// importer (the import rate, with its index build), grows it set-based to
// ≥ --segments (copies of the real documents, indexes built after, as a big import does), seeds --pairs accepted
// pairs over it, then runs assembly as the assemble job runs it (`in2 assemble --wait`: a job row run in this
// process) and a raw .jsonl export as `in2 export` runs it. Assembly's corpus-wide phase (before its first context:
// decontamination) is extrapolated with the corpus, the rest with the pairs. Each stage is timed with the node process's peak RSS;
// disk is the database size plus the export file. Each stage is extrapolated to --target pairs from its measured
// rate, and the slowest names the bound. A table goes to stderr; stdout is one JSON line.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createAssemblyJobRow } from "@/lib/contexts/start";
import { assemblyRequest } from "@/lib/contexts/schemas";
import { importFiles } from "@/lib/corpus/importer";
import { ensureIndexes } from "@/lib/corpus/search-index";
import { DEMO_CORPUS, demoFile } from "@/lib/corpus/demo";
import { pool } from "@/lib/db/client";
import { exportOptions } from "@/lib/export/params";
import { createExportJobRow } from "@/lib/export/start";
import type { JobRow } from "@/lib/jobs/jobs";
import { runJobHere } from "@/cli/run-here";
import { seedBenchPairs } from "./export-seed";
import { replicateCorpus } from "./seed-scale";
import { benchDatabase, machine, withPeakRss, writeUniqueDocsFile } from "./support";

const { values } = parseArgs({ options: {
  pairs: { type: "string", default: "100000" }, segments: { type: "string", default: "1000000" }, target: { type: "string", default: "1500000" },
  "segments-per-pair": { type: "string", default: "10" }, "import-mb": { type: "string", default: "100" },
} });
const PAIRS = Number(values.pairs);
const SEGMENTS = Number(values.segments);
const TARGET = Number(values.target);
// The corpus a target run imports: the default run's proportion (1M segments for 100K pairs); fillers are drawn
// from the whole corpus, so it grows with the pairs rather than being fixed.
const SEGMENTS_PER_PAIR = Number(values["segments-per-pair"]);
// the import rate is measured on a file of this size (unique real C4 documents): a small file's fixed costs
// (tokenizer load, the segmentation thread's start) would understate it many times over
const IMPORT_MB = Number(values["import-mb"]);
if (![PAIRS, SEGMENTS, TARGET, SEGMENTS_PER_PAIR, IMPORT_MB].every((n) => Number.isInteger(n) && n > 0)) {
  console.error("--pairs, --segments, --target, --segments-per-pair and --import-mb are positive integers");
  process.exit(2);
}

const log = (line: string) => console.error(line);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-bench-scale-"));
const db = await benchDatabase();
// runJobHere prints this every second, as the CLI does; the first context done ends the job's corpus-wide phase
// (decontamination reads every document once), timed apart since it grows with the corpus, not with the pairs
let firstDoneAt: number | null = null;
const quiet = (j: JobRow) => {
  if (j.kind === "assemble" && j.done > 0 && firstDoneAt === null) firstDoneAt = performance.now();
  return `  ${j.kind} #${j.id} ${j.status}: ${j.done}/${j.total}${j.message ? ` — ${j.message}` : ""}`;
};
try {
  log(`bench:scale — ${PAIRS.toLocaleString()} pairs over ≥ ${SEGMENTS.toLocaleString()} segments, extrapolated to ${TARGET.toLocaleString()} pairs · ${machine()}`);
  // 1. import: the demo corpus, then a --import-mb file of unique real documents into the same corpus through the
  // importer (segmentation thread, COPY writes), timed until its rows are committed and then its deferred index
  // build (the import's follow-up): the import rate, end to end
  const demoImport = await importFiles({ corpus: DEMO_CORPUS, files: [{ path: demoFile() }] });
  const corpusId = demoImport.corpusId;
  const importFile = path.join(dir, "import.jsonl");
  const inputBytes = await writeUniqueDocsFile(importFile, IMPORT_MB * 1e6);
  const before = await corpusSegments(corpusId);
  const imported = await withPeakRss(() => importFiles({ corpus: DEMO_CORPUS, files: [{ path: importFile }], buildIndexes: false }));
  const indexed = await withPeakRss(() => ensureIndexes());
  fs.rmSync(importFile, { force: true });
  const importedSegs = (await corpusSegments(corpusId)) - before;
  const importSeconds = imported.seconds + indexed.seconds;
  const importSegPerSec = importedSegs / importSeconds;
  log(`import: ${importedSegs.toLocaleString()} segments (${(inputBytes / 1e6).toFixed(1)} MB) in ${imported.seconds.toFixed(1)} s + ${indexed.seconds.toFixed(1)} s of index build = `
    + `${(inputBytes / 1e6 / importSeconds).toFixed(1)} MB/s, ${importSegPerSec.toFixed(0)} segments/s end to end, peak RSS ${(imported.peakRss / 1e6).toFixed(0)} MB`);

  // 2. pairs (on the demo segments, before the copies) and the corpus grown to ≥ SEGMENTS
  const seeded = await withPeakRss(() => seedBenchPairs(corpusId, PAIRS));
  log(`seeded ${PAIRS.toLocaleString()} accepted pairs in ${seeded.seconds.toFixed(1)} s`);
  const grown = await withPeakRss(() => replicateCorpus(corpusId, SEGMENTS, (l) => log(`  ${l}`)));
  const g = grown.result;
  log(`corpus grown to ${g.segments.toLocaleString()} segments / ${g.documents.toLocaleString()} documents: ${g.seconds.toFixed(0)} s writing + ${g.indexSeconds.toFixed(0)} s building indexes`);
  for (const t of ["pair", "pair_evidence"]) await pool().query(`VACUUM ANALYZE ${t}`);

  // 3. assembly: the assemble job, run in this process as `in2 assemble --wait` runs it
  const request = assemblyRequest.parse({});
  const assembleStart = performance.now();
  const assembled = await withPeakRss(async () => runJobHere(await createAssemblyJobRow(request, PAIRS), quiet));
  if (assembled.result.status !== "succeeded") throw new Error(`assembly ${assembled.result.status}: ${assembled.result.error ?? ""}`);
  const { rows: [ctx] } = await pool().query<{ n: number; tokens: string; first: number; span: number }>(
    `SELECT count(*)::int n, coalesce(sum(total_tokens), 0)::text tokens,
       count(*) FILTER (WHERE created_at = (SELECT min(created_at) FROM context))::int first,
       coalesce(extract(epoch FROM max(created_at) - min(created_at)), 0)::float8 span FROM context`);
  // the steady rate: contexts stored after the first store over the time between the first and the last store
  // (each store commits a batch with one created_at); the corpus-wide phase (decontamination, before the first
  // context) is the rest of the run's time. A run too short for two stores a second apart falls back to the
  // progress ticks (1 s resolution).
  const steady = ctx!.span >= 1 ? (ctx!.n - ctx!.first) / ctx!.span : null;
  const tickPhase = firstDoneAt === null ? 0 : Math.min(assembled.seconds, (firstDoneAt - assembleStart) / 1000);
  const contextsPerSec = steady ?? ctx!.n / Math.max(1, assembled.seconds - tickPhase);
  const corpusPhase = Math.max(0, assembled.seconds - ctx!.n / contextsPerSec);
  log(`assembly: ${ctx!.n.toLocaleString()} contexts (${(Number(ctx!.tokens) / ctx!.n).toFixed(0)} tokens mean) in ${assembled.seconds.toFixed(0)} s `
    + `(${corpusPhase.toFixed(0)} s corpus-wide before the first context) = ${contextsPerSec.toFixed(1)} contexts/s after it, peak RSS ${(assembled.peakRss / 1e6).toFixed(0)} MB`);

  // 4. export: raw .jsonl, the same job `in2 export` runs (reusing the assembled run: same default recipe)
  const out = path.join(dir, "scale.jsonl");
  const exported = await withPeakRss(async () => runJobHere(await createExportJobRow(exportOptions.parse({ format: "raw", gzip: false }), out), quiet));
  if (exported.result.status !== "succeeded") throw new Error(`export ${exported.result.status}: ${exported.result.error ?? ""}`);
  const r = exported.result.result as { rows: number; bytes: number; unassembled?: number };
  const exportBytes = fs.statSync(out).size;
  const exportMBps = exportBytes / 1e6 / exported.seconds;
  log(`export: ${r.rows.toLocaleString()} rows, ${(exportBytes / 1e6).toFixed(0)} MB in ${exported.seconds.toFixed(0)} s = ${exportMBps.toFixed(1)} MB/s, peak RSS ${(exported.peakRss / 1e6).toFixed(0)} MB`);

  // 5. disk: the database (corpus tables apart from the rest) and the export file
  const { rows: [size] } = await pool().query<{ db: string; corpus: string }>(
    `SELECT pg_database_size(current_database())::text db,
       (pg_total_relation_size('document') + pg_total_relation_size('segment'))::text corpus`);
  const dbBytes = Number(size!.db);
  const corpusBytes = Number(size!.corpus);

  // 6. extrapolation to TARGET pairs from the measured rates
  const targetSegments = TARGET * SEGMENTS_PER_PAIR;
  const stages = {
    import: targetSegments / importSegPerSec,
    assembly: corpusPhase * targetSegments / g.segments + TARGET / contextsPerSec,
    export: (exportBytes / r.rows) * TARGET / 1e6 / exportMBps,
  };
  const bound = (Object.entries(stages) as [keyof typeof stages, number][]).sort((a, b) => b[1] - a[1])[0]![0];
  const h = (s: number) => Number((s / 3600).toFixed(2));
  const targetDisk = {
    db_gb: (corpusBytes * targetSegments / g.segments + (dbBytes - corpusBytes) * TARGET / PAIRS) / 1e9,
    export_gb: exportBytes / r.rows * TARGET / 1e9,
  };
  log(`at ${TARGET.toLocaleString()} pairs (${targetSegments.toLocaleString()} segments): import ${h(stages.import)} h · assembly ${h(stages.assembly)} h · export ${h(stages.export)} h → bounded by ${bound}; disk ${targetDisk.db_gb.toFixed(0)} GB database + ${targetDisk.export_gb.toFixed(0)} GB export`);
  console.log(JSON.stringify({
    bench: "scale", date: new Date().toISOString(), machine: machine(), load: os.loadavg().map((l) => Number(l.toFixed(2))),
    pairs: PAIRS, segments: g.segments, documents: g.documents,
    measured: {
      import: { mb: inputBytes / 1e6, segments: importedSegs, rows_seconds: imported.seconds, index_build_seconds: indexed.seconds,
        mb_per_s: inputBytes / 1e6 / importSeconds, segments_per_s: importSegPerSec, peak_rss_mb: imported.peakRss / 1e6 },
      seeding: { pairs_seconds: seeded.seconds, corpus_write_seconds: g.seconds, index_build_seconds: g.indexSeconds, peak_rss_mb: Math.max(seeded.peakRss, grown.peakRss) / 1e6 },
      assembly: { contexts: ctx!.n, seconds: assembled.seconds, corpus_phase_seconds: corpusPhase, contexts_per_s: contextsPerSec, contexts_per_s_overall: ctx!.n / assembled.seconds, mean_tokens: Number(ctx!.tokens) / ctx!.n, peak_rss_mb: assembled.peakRss / 1e6 },
      export: { format: "raw", rows: r.rows, left_out: r.unassembled ?? 0, mb: exportBytes / 1e6, seconds: exported.seconds, mb_per_s: exportMBps, peak_rss_mb: exported.peakRss / 1e6 },
      disk: { db_gb: dbBytes / 1e9, corpus_tables_gb: corpusBytes / 1e9, export_gb: exportBytes / 1e9 },
    },
    target: { pairs: TARGET, segments: targetSegments, hours: { import: h(stages.import), assembly: h(stages.assembly), export: h(stages.export) }, bound,
      total_hours: h(stages.import + stages.assembly + stages.export), disk_gb: { db: Number(targetDisk.db_gb.toFixed(1)), export: Number(targetDisk.export_gb.toFixed(1)) } },
  }));
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  pool().on("error", () => {});
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

async function corpusSegments(corpusId: number): Promise<number> {
  const { rows: [r] } = await pool().query<{ n: number }>(`SELECT count(*)::int n FROM segment WHERE corpus_id = $1`, [corpusId]);
  return r!.n;
}
