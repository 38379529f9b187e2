// npm run bench:dataset [-- --pairs 500]: the Hub layout's throughput (MB/s of rows) writing Parquet shards and
// .jsonl.gz shards, against the raw JSON Lines export of the same rows in the same run (lib/export), on assembled
// 4K–32K contexts from the demo corpus, against a throwaway PostgreSQL. Contexts are assembled by a warm-up export
// first, so every timed run reads the same stored contexts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { importFiles } from "@/lib/corpus/importer";
import { DEMO_CORPUS, demoFile } from "@/lib/corpus/demo";
import { datasetOptions } from "@/lib/dataset/params";
import { runDatasetExport } from "@/lib/dataset/run";
import { appContextStore } from "@/lib/export/contexts-adapter";
import { exportOptions, type ExportRequest } from "@/lib/export/params";
import { runExport } from "@/lib/export/run-export";
import { benchDatabase, machine, withPeakRss } from "./support";
import { seedBenchPairs } from "./export-seed";

const { values } = parseArgs({ options: { pairs: { type: "string", default: "500" }, format: { type: "string", default: "chat" } } });
const count = Number(values.pairs);
const format = values.format as "chat" | "film" | "raw";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-bench-dataset-"));
const db = await benchDatabase();
try {
  const { corpusId } = await importFiles({ corpus: DEMO_CORPUS, files: [{ path: demoFile() }] });
  await seedBenchPairs(corpusId, count);
  const request: ExportRequest = { format, seed: 1, minTokens: 4096, maxTokens: 32768, shortRatio: 0.1 };
  const options = exportOptions.parse(request);
  await runExport({ options, out: path.join(dir, "warmup.jsonl"), store: appContextStore });

  const jsonl = await withPeakRss(() => runExport({ options, out: path.join(dir, "rows.jsonl"), store: appContextStore }));
  const hf = (name: string, shardFormat: "parquet" | "jsonl") => withPeakRss(() => runDatasetExport({ options, out: path.join(dir, name), store: appContextStore,
    dataset: datasetOptions.parse({ splits: { train: 0.98, validation: 0.02 }, shardFormat }) }));
  const parquet = await hf("hf-parquet", "parquet");
  const gz = await hf("hf-jsonl", "jsonl");
  const jsonl2 = await withPeakRss(() => runExport({ options, out: path.join(dir, "rows2.jsonl"), store: appContextStore }));
  // the reference: the better of two plain JSONL runs (before and after), so warm caches favour the reference
  const ref = jsonl.seconds <= jsonl2.seconds ? jsonl : jsonl2;
  const mb = (n: number) => n / 1e6;
  const rowsMb = mb(jsonl.result.uncompressedBytes);
  const lines: [string, number, number, number, number][] = [
    ["export .jsonl (lib/export, reference)", rowsMb, ref.seconds, ref.peakRss, mb(ref.result.bytes)],
    ["hf layout, Parquet shards (snappy)", mb(parquet.result.uncompressedBytes), parquet.seconds, parquet.peakRss, mb(parquet.result.bytes)],
    ["hf layout, .jsonl.gz shards", mb(gz.result.uncompressedBytes), gz.seconds, gz.peakRss, mb(gz.result.bytes)],
  ];
  console.log(`bench:dataset — ${jsonl.result.rows} ${format} rows, ${rowsMb.toFixed(0)} MB of JSON Lines — ${machine()}`);
  for (const [name, m, s, rss, size] of lines) {
    console.log(`${name.padEnd(40)} ${(m / s).toFixed(1).padStart(7)} MB/s  ${s.toFixed(2).padStart(6)} s  ${size.toFixed(1).padStart(7)} MB on disk  peak RSS ${(rss / 1e6).toFixed(0)} MB`);
  }
  console.log(JSON.stringify({
    bench: "dataset", date: new Date().toISOString(), machine: machine(), format, rows: jsonl.result.rows, rows_mb: rowsMb,
    jsonl_mbps: rowsMb / ref.seconds, parquet_mbps: mb(parquet.result.uncompressedBytes) / parquet.seconds, jsonl_gz_shards_mbps: mb(gz.result.uncompressedBytes) / gz.seconds,
    parquet_vs_jsonl: (mb(parquet.result.uncompressedBytes) / parquet.seconds) / (rowsMb / ref.seconds),
    parquet_mb_on_disk: mb(parquet.result.bytes), jsonl_gz_mb_on_disk: mb(gz.result.bytes), jsonl_mb_on_disk: mb(ref.result.bytes),
    peak_rss_mb: Math.max(parquet.peakRss, gz.peakRss, ref.peakRss) / 1e6,
  }));
} finally {
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
