import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "@/lib/corpus/importer";
import { pool } from "@/lib/db/client";
import { runCli } from "../support/cli";
import { useTestDatabase } from "../support/db";

// The files are written by parquetjs-lite, a different library from the importer's reader (hyparquet).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const parquet: any = createRequire(import.meta.url)("parquetjs-lite");

const FIX = path.join(process.cwd(), "data", "fixtures", "c4-gz");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "in2-parquet-"));

interface Row { content: string; url: string; n: number }
const para = (i: number, shard: number) =>
  `Shard ${shard} row ${i}: the council met on Tuesday to discuss the budget for the coming year.\n` +
  `Residents asked about road repairs, school funding and the new library on Main Street (item ${shard}-${i}).`;

async function writeParquet(file: string, rows: Row[], compression: "SNAPPY" | "GZIP" | "UNCOMPRESSED", rowGroupSize: number) {
  const schema = new parquet.ParquetSchema({
    content: { type: "UTF8", compression },
    url: { type: "UTF8", compression },
    n: { type: "INT64", compression },
  });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const writer = await parquet.ParquetWriter.openFile(schema, file);
  writer.setRowGroupSize(rowGroupSize);
  for (const r of rows) await writer.appendRow(r);
  await writer.close();
}

beforeAll(async () => {
  await useTestDatabase();
});

describe("Parquet and Hub-style folders", () => {
  it("imports a folder of Parquet shards in shard order, row group by row group, with --text-field and every bad row reported", async () => {
    const dir = path.join(tmp, "hub-parquet");
    const shards: Row[][] = [0, 1].map((s) => Array.from({ length: 7 }, (_, i) => ({ content: para(i, s), url: `https://example.org/${s}/${i}`, n: s * 100 + i })));
    shards[1]![2]!.content = "   "; // an empty text: reported, the rest imported
    // written in reverse order, so directory order is not the shard order
    await writeParquet(path.join(dir, "data", "train-00001-of-00002.parquet"), shards[1]!, "GZIP", 3);
    await writeParquet(path.join(dir, "data", "train-00000-of-00002.parquet"), shards[0]!, "SNAPPY", 2);
    fs.writeFileSync(path.join(dir, "README.md.bak"), "not a shard");

    const s = await importFiles({ corpus: "pq", files: [{ path: dir }], textField: "content" });
    expect(s.documents).toEqual({ imported: 13, duplicates: 0 });
    expect(s.skipped).toEqual([{ file: "hub-parquet/data/train-00001-of-00002.parquet", line: 3, reason: 'empty text field "content"' }]);
    const { rows } = await pool().query<{ text: string; meta: Record<string, unknown>; source_file: string; source_line: number }>(
      `SELECT text, meta, source_file, source_line FROM document WHERE corpus_id = $1 ORDER BY id`, [s.corpusId]);
    const expected = shards.flatMap((rs, sh) => rs.map((r, i) => ({ r, sh, i }))).filter(({ r }) => r.content.trim());
    expect(rows.map((r) => [r.source_file, r.source_line, r.text])).toEqual(
      expected.map(({ r, sh, i }) => [`hub-parquet/data/train-0000${sh}-of-00002.parquet`, i + 1, r.content]));
    expect(rows[8]!.meta).toEqual({ url: "https://example.org/1/1", n: 101 });
    const { rows: segs } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM segment WHERE corpus_id = $1`, [s.corpusId]);
    expect(segs[0]!.n).toBeGreaterThanOrEqual(13);

    // importing the folder again adds nothing: every document is a duplicate
    const again = await importFiles({ corpus: "pq", files: [{ path: dir }], textField: "content" });
    expect(again.documents).toEqual({ imported: 0, duplicates: 13 });
  });

  it("says which columns a Parquet file has when the text field is not one of them", async () => {
    const file = path.join(tmp, "one.parquet");
    await writeParquet(file, [{ content: para(0, 9), url: "u", n: 1 }], "UNCOMPRESSED", 10);
    await expect(importFiles({ corpus: "pq-bad", files: [{ path: file }] })).rejects.toThrow(/one\.parquet: no column "text" \(columns: content, url, n\); choose one with --text-field/);
    const notParquet = path.join(tmp, "broken.parquet");
    fs.writeFileSync(notParquet, "PAR1 this is not parquet at all");
    await expect(importFiles({ corpus: "pq-bad", files: [{ path: notParquet }] })).rejects.toThrow(/broken\.parquet: not a readable Parquet file/);
  });

  it("imports a C4-style folder of json.gz shards (en/c4-train.NNNNN-of-01024.json.gz) from the CLI, in name order", async () => {
    const dir = path.join(tmp, "c4");
    fs.mkdirSync(path.join(dir, "en"), { recursive: true });
    for (const [i, f] of ["c4-sample.03.json.gz", "c4-sample.01.json.gz"].entries()) {
      fs.copyFileSync(path.join(FIX, f), path.join(dir, "en", `c4-train.0000${1 - i}-of-01024.json.gz`));
    }
    fs.writeFileSync(path.join(dir, "en", "c4-validation.00000-of-00008.json.gz"), zlib.gzipSync(`${JSON.stringify({ text: para(1, 42), url: "v" })}\n`));
    const r = await runCli(["import", dir, "--corpus", "c4dir"]);
    expect(r.code, r.stderr).toBe(0);
    const { rows } = await pool().query<{ source_file: string; n: number }>(
      `SELECT source_file, count(*)::int AS n FROM document d JOIN corpus c ON c.id = d.corpus_id
       WHERE c.name = 'c4dir' GROUP BY source_file ORDER BY min(d.id)`);
    expect(rows.map((x) => [x.source_file, x.n])).toEqual([
      ["c4/en/c4-train.00000-of-01024.json.gz", 10],
      ["c4/en/c4-train.00001-of-01024.json.gz", 10],
      ["c4/en/c4-validation.00000-of-00008.json.gz", 1],
    ]);
  });
});
