// npm run bench:export [-- --pairs 2000]: export throughput (MB/s of JSON Lines: raw, film, gzip at levels 1 and 6)
// and peak RSS on assembled 4K–32K contexts from the demo corpus, against a throwaway PostgreSQL. References in the
// same run: a plain write of the very same bytes, and reading the pages without formatting or writing (the
// database's share of the time: each page's texts arrive JSON-escaped from PostgreSQL, see lib/export/context-bytes.ts).
// A table goes to stderr; stdout is one JSON line.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { importFiles } from "@/lib/corpus/importer";
import { DEMO_CORPUS, demoFile } from "@/lib/corpus/demo";
import { pool } from "@/lib/db/client";
import { appContextStore, textContextStore } from "@/lib/export/contexts-adapter";
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
  console.error(`seeded ${ids.length} pairs; assembled + first export in ${assembleSeconds.toFixed(1)} s; long contexts: ${ctx!.n}, tokens ${ctx!.min}–${ctx!.max} (mean ${Math.round(ctx!.avg)})`);

  const baseRss = process.memoryUsage().rss;
  const run = (format: "raw" | "film", file: string, compressionLevel?: number) =>
    withPeakRss(() => runExport({ options: exportOptions.parse({ ...request, format, compressionLevel }), out: path.join(dir, file), store: appContextStore }));
  const raw = await run("raw", "raw.jsonl");
  // the previous loader in the same run: texts rebuilt as JS strings by lib/contexts and escaped by JSON.stringify
  const viaStrings = await withPeakRss(() => runExport({ options: exportOptions.parse(request), out: path.join(dir, "strings", "raw.jsonl"), store: textContextStore }));
  const film = await run("film", "film.jsonl");
  const gz1 = await run("raw", "raw-1.jsonl.gz", 1);
  const gz6 = await run("raw", "raw-6.jsonl.gz", 6);
  const readOnly = await withPeakRss(async () => {
    let chars = 0;
    const o = exportOptions.parse(request);
    // the texts as loaded (JSON bytes from PostgreSQL), not decoded: what the export itself receives
    for await (const b of exportBatches(o, await appContextStore.open(o), appContextStore)) for (const r of b.records) chars += r.context.textJson?.reduce((n, b) => n + b.length, 0) ?? r.context.text.length;
    return chars;
  });
  // the reference: the very bytes of the raw export, already in memory, written in 1 MiB chunks with backpressure
  const bytes = fs.readFileSync(raw.result.out);
  const plainWrite = await withPeakRss(async () => {
    const out = fs.createWriteStream(path.join(dir, "ref.jsonl"), { highWaterMark: 1 << 20 });
    for (let at = 0; at < bytes.length; at += 1 << 20) {
      if (!out.write(bytes.subarray(at, at + (1 << 20)))) await new Promise<void>((r) => out.once("drain", () => r()));
    }
    await new Promise<void>((r) => out.end(() => r()));
  });
  const gzipRef = await withPeakRss(() => pipeline(fs.createReadStream(raw.result.out), zlib.createGzip({ level: 1 }), fs.createWriteStream(path.join(dir, "ref.gz"))));
  const same = first.sha256 === raw.result.sha256 && viaStrings.result.sha256 === raw.result.sha256;

  const mb = (n: number) => n / 1e6;
  const mbps = (r: { result: { uncompressedBytes: number }; seconds: number }) => mb(r.result.uncompressedBytes) / r.seconds;
  const lines: [string, number, number, number][] = [
    ["export raw .jsonl", mb(raw.result.uncompressedBytes), raw.seconds, raw.peakRss],
    ["export raw .jsonl, texts as JS strings (previous path)", mb(viaStrings.result.uncompressedBytes), viaStrings.seconds, viaStrings.peakRss],
    ["export film .jsonl", mb(film.result.uncompressedBytes), film.seconds, film.peakRss],
    ["export raw .jsonl.gz level 1 (MB before gzip)", mb(gz1.result.uncompressedBytes), gz1.seconds, gz1.peakRss],
    ["export raw .jsonl.gz level 6 (MB before gzip)", mb(gz6.result.uncompressedBytes), gz6.seconds, gz6.peakRss],
    ["read pages only, no formatting/writing", mb(raw.result.uncompressedBytes), readOnly.seconds, readOnly.peakRss],
    ["reference: plain write of the same bytes", mb(bytes.length), plainWrite.seconds, plainWrite.peakRss],
    ["reference: gzip -1 the raw file (read+gzip+write)", mb(bytes.length), gzipRef.seconds, gzipRef.peakRss],
  ];
  // the table goes to stderr; stdout is the one JSON line
  console.error(`bench:export — ${raw.result.rows} rows, raw ${mb(raw.result.bytes).toFixed(0)} MB, gzip -1 ${mb(gz1.result.bytes).toFixed(0)} MB, -6 ${mb(gz6.result.bytes).toFixed(0)} MB — ${machine()}, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  console.error(`RSS before the timed exports: ${(baseRss / 1e6).toFixed(0)} MB; warm-up, timed and string-path raw exports identical: ${same}`);
  for (const [name, m, sec, rss] of lines) console.error(`${name.padEnd(56)} ${(m / sec).toFixed(1).padStart(7)} MB/s  ${sec.toFixed(2).padStart(6)} s   peak RSS ${(rss / 1e6).toFixed(0)} MB`);
  const plainMbps = mb(bytes.length) / plainWrite.seconds;
  console.log(JSON.stringify({
    bench: "export", date: new Date().toISOString(), machine: machine(), load: os.loadavg().map((l) => Number(l.toFixed(2))), rows: raw.result.rows,
    long_contexts: ctx!.n, mean_tokens: Math.round(ctx!.avg), raw_mb: mb(raw.result.bytes),
    raw_mbps: mbps(raw), film_mbps: mbps(film), gzip1_mbps: mbps(gz1), gzip6_mbps: mbps(gz6), read_only_mbps: mb(raw.result.uncompressedBytes) / readOnly.seconds,
    plain_write_mbps: plainMbps, raw_vs_plain_write: mbps(raw) / plainMbps, raw_vs_read_only: mbps(raw) / (mb(raw.result.uncompressedBytes) / readOnly.seconds),
    raw_strings_mbps: mbps(viaStrings), raw_vs_strings: mbps(raw) / mbps(viaStrings), gzip1_vs_gzip6: mbps(gz1) / mbps(gz6),
    gzip1_mb: mb(gz1.result.bytes), gzip6_mb: mb(gz6.result.bytes), gzip_ref_mbps: mb(bytes.length) / gzipRef.seconds,
    peak_rss_mb: Math.max(raw.peakRss, film.peakRss, gz1.peakRss, gz6.peakRss) / 1e6, base_rss_mb: baseRss / 1e6, reproducible: same,
  }));
} finally {
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
