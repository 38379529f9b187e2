// npm run bench:import [-- --mb 40]: end-to-end import throughput (MB/s of JSON Lines) and peak RSS, on real C4
// text made unique per copy, against a throwaway PostgreSQL. Reference in the same run: reading and parsing
// the same file without tokenizing or writing (the ceiling the importer could reach).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { importFiles } from "@/lib/corpus/importer";
import { readRecords } from "@/lib/corpus/records";
import { benchDatabase, demoDocs, machine, withPeakRss } from "./support";

const { values } = parseArgs({ options: { mb: { type: "string", default: "40" } } });
const targetBytes = Number(values.mb) * 1e6;

const docs = demoDocs();
const file = path.join(os.tmpdir(), `in2-bench-import-${process.pid}.jsonl`);
const out = fs.createWriteStream(file);
let bytes = 0;
for (let copy = 0; bytes < targetBytes; copy++) {
  for (const d of docs) {
    // a different closing line per copy makes every document unique (no de-duplication shortcut)
    const line = `${JSON.stringify({ ...d, text: `${d.text}\n(copy ${copy})` })}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
}
await new Promise<void>((r) => out.end(() => r()));
const mb = bytes / 1e6;

const db = await benchDatabase();
try {
  const parse = await withPeakRss(async () => {
    let n = 0;
    for await (const r of readRecords(file, "text")) if (r.kind === "doc") n++;
    return n;
  });
  const imp = await withPeakRss(() => importFiles({ corpus: "bench", files: [{ path: file }] }));
  const again = await withPeakRss(() => importFiles({ corpus: "bench", files: [{ path: file }] }));
  const rows = [
    ["read + parse only (reference)", mb / parse.seconds, parse.peakRss],
    ["import (tokenize, segment, write)", mb / imp.seconds, imp.peakRss],
    ["re-import (all duplicates)", mb / again.seconds, again.peakRss],
  ] as const;
  console.log(`bench:import — ${mb.toFixed(1)} MB, ${imp.result.documents.imported} documents, ${imp.result.segments} segments — ${machine()}`);
  for (const [name, rate, rss] of rows) console.log(`${name.padEnd(36)} ${rate.toFixed(2).padStart(7)} MB/s   peak RSS ${(rss / 1e6).toFixed(0)} MB`);
  console.log(`import / reference: ${(imp.seconds / parse.seconds).toFixed(1)}× slower than reading alone`);
  console.log(JSON.stringify({
    bench: "import", date: new Date().toISOString(), machine: machine(), mb, documents: imp.result.documents.imported,
    segments: imp.result.segments, parse_mbps: mb / parse.seconds, import_mbps: mb / imp.seconds, reimport_mbps: mb / again.seconds,
    peak_rss_mb: imp.peakRss / 1e6,
  }));
} finally {
  await db.stop();
  fs.rmSync(file, { force: true });
}
