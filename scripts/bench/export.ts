// npm run bench:export [-- --pairs 2000]: export throughput (MB/s of JSON Lines) and peak RSS on assembled 4K–32K
// contexts from the demo corpus, against a throwaway PostgreSQL. References in the same run: writing the same
// number of bytes straight to disk, and reading the pages without writing (the database's share of the time).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { importFiles } from "@/lib/corpus/importer";
import { DEMO_CORPUS, demoFile } from "@/lib/corpus/demo";
import { pool } from "@/lib/db/client";
import { appContextStore } from "@/lib/export/contexts-adapter";
import { exportOptions, type ExportRequest } from "@/lib/export/params";
import { runExport } from "@/lib/export/run-export";
import { exportBatches } from "@/lib/export/source";
import { benchDatabase, machine, withPeakRss } from "./support";
import { seedBenchPairs } from "./export-seed";

const { values } = parseArgs({ options: { pairs: { type: "string", default: "2000" } } });
const count = Number(values.pairs);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-bench-export-"));
const db = await benchDatabase();
try {
  const { corpusId } = await importFiles({ corpus: DEMO_CORPUS, files: [{ path: demoFile() }] });
  const ids = await seedBenchPairs(corpusId, count);
  const request: ExportRequest = { format: "raw", seed: 1, minTokens: 4096, maxTokens: 32768, shortRatio: 0.1 };
  const t0 = performance.now();
  const first = await runExport({ options: exportOptions.parse(request), out: path.join(dir, "warmup.jsonl"), store: appContextStore });
  const assembleSeconds = (performance.now() - t0) / 1000;
  const { rows: [ctx] } = await pool().query<{ n: number; avg: number; min: number; max: number }>(
    `SELECT count(*)::int n, avg(total_tokens)::float8 avg, min(total_tokens) min, max(total_tokens) max FROM context WHERE kind = 'long'`);
  console.log(`seeded ${ids.length} pairs; assembled + first export in ${assembleSeconds.toFixed(1)} s; long contexts: ${ctx!.n}, tokens ${ctx!.min}–${ctx!.max} (mean ${Math.round(ctx!.avg)})`);

  const baseRss = process.memoryUsage().rss;
  const run = (format: "raw" | "film", file: string) =>
    withPeakRss(() => runExport({ options: exportOptions.parse({ ...request, format }), out: path.join(dir, file), store: appContextStore }));
  const raw = await run("raw", "raw.jsonl");
  const film = await run("film", "film.jsonl");
  const gz = await run("raw", "raw.jsonl.gz");
  const readOnly = await withPeakRss(async () => {
    let chars = 0;
    const o = exportOptions.parse(request);
    for await (const b of exportBatches(o, await appContextStore.open(o), appContextStore)) for (const r of b.records) chars += r.context.text.length;
    return chars;
  });
  const chunk = Buffer.alloc(1 << 20, "x");
  const fsWrite = await withPeakRss(async () => {
    const out = fs.createWriteStream(path.join(dir, "ref.bin"));
    for (let left = raw.result.bytes; left > 0; left -= chunk.length) {
      if (!out.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise<void>((r) => out.once("drain", () => r()));
    }
    await new Promise<void>((r) => out.end(() => r()));
  });
  const gzipRef = await withPeakRss(() => pipeline(fs.createReadStream(raw.result.out), zlib.createGzip(), fs.createWriteStream(path.join(dir, "ref.gz"))));
  const same = first.sha256 === raw.result.sha256;

  const mb = (n: number) => n / 1e6;
  const lines: [string, number, number, number][] = [
    ["export raw .jsonl", mb(raw.result.uncompressedBytes), raw.seconds, raw.peakRss],
    ["export film .jsonl", mb(film.result.uncompressedBytes), film.seconds, film.peakRss],
    ["export raw .jsonl.gz (MB before gzip)", mb(gz.result.uncompressedBytes), gz.seconds, gz.peakRss],
    ["read pages only, no formatting/writing", mb(raw.result.uncompressedBytes), readOnly.seconds, readOnly.peakRss],
    ["reference: fs write of the same bytes", mb(raw.result.bytes), fsWrite.seconds, fsWrite.peakRss],
    ["reference: gzip the raw file (read+gzip+write)", mb(raw.result.bytes), gzipRef.seconds, gzipRef.peakRss],
  ];
  console.log(`bench:export — ${raw.result.rows} rows, raw ${mb(raw.result.bytes).toFixed(0)} MB, gzip ${mb(gz.result.bytes).toFixed(0)} MB — ${machine()}`);
  console.log(`RSS before the timed exports: ${(baseRss / 1e6).toFixed(0)} MB; warm-up file identical to the timed raw export: ${same}`);
  for (const [name, m, s, rss] of lines) console.log(`${name.padEnd(48)} ${(m / s).toFixed(1).padStart(7)} MB/s  ${s.toFixed(2).padStart(6)} s   peak RSS ${(rss / 1e6).toFixed(0)} MB`);
  console.log(JSON.stringify({
    bench: "export", date: new Date().toISOString(), machine: machine(), rows: raw.result.rows, long_contexts: ctx!.n, mean_tokens: Math.round(ctx!.avg),
    raw_mb: mb(raw.result.bytes), raw_mbps: mb(raw.result.uncompressedBytes) / raw.seconds, film_mbps: mb(film.result.uncompressedBytes) / film.seconds,
    gzip_mbps: mb(gz.result.uncompressedBytes) / gz.seconds, read_only_mbps: mb(raw.result.uncompressedBytes) / readOnly.seconds,
    fs_write_mbps: mb(raw.result.bytes) / fsWrite.seconds, gzip_ref_mbps: mb(raw.result.bytes) / gzipRef.seconds,
    peak_rss_mb: Math.max(raw.peakRss, film.peakRss, gz.peakRss) / 1e6, base_rss_mb: baseRss / 1e6, reproducible: same,
  }));
} finally {
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
