import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { ParquetWriter, fileWriter, type SchemaElement } from "hyparquet-writer";
import { sha256File } from "@/lib/export/write-file";
import { COLUMNS, type ColumnKind, type DatasetRow } from "./rows";
import { snappyCompress } from "./snappy";
import type { DatasetRowFormat } from "./params";

/** The Parquet schema of a row format: strings UTF8, counts INT32, messages list<struct<role, content>>, the rest JSON. */
export function parquetSchema(rowFormat: DatasetRowFormat): SchemaElement[] {
  const cols = COLUMNS[rowFormat];
  const out: SchemaElement[] = [{ name: "schema", num_children: cols.length }];
  const leaf = (name: string, kind: ColumnKind): SchemaElement[] => {
    switch (kind) {
      case "string": return [{ name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" }];
      case "int": return [{ name, type: "INT32", repetition_type: "OPTIONAL" }];
      case "json": return [{ name, type: "BYTE_ARRAY", converted_type: "JSON", repetition_type: "OPTIONAL" }];
      case "messages": return [
        { name, repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
        { name: "list", repetition_type: "REPEATED", num_children: 1 },
        { name: "element", repetition_type: "OPTIONAL", num_children: 2 },
        { name: "role", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
        { name: "content", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
      ];
    }
  };
  for (const [name, kind] of cols) out.push(...leaf(name, kind));
  return out;
}

export interface ShardFacts { file: string; split: string; rows: number; bytes: number; uncompressed_bytes: number; sha256: string }

/**
 * The shards of one split, written one after another: a shard closes before its rows would pass `maxBytes`
 * (uncompressed JSON size, so the file, compressed, is smaller still), and a row group (Parquet) or gzip member
 * (JSON Lines) is flushed every `groupBytes`, so memory holds one group. Shards are written under temporary names
 * and renamed `<split>-NNNNN-of-MMMMM.<ext>` once the count is known (finish()).
 */
export class SplitShards {
  private shards: { tmp: string; rows: number; bytes: number }[] = [];
  private group: DatasetRow[] = [];
  private groupBytes = 0;
  private parquet: ParquetWriter | null = null;
  private fd: number | null = null;

  constructor(
    private readonly dir: string, readonly split: string, private readonly rowFormat: DatasetRowFormat,
    private readonly shardFormat: "parquet" | "jsonl", private readonly maxBytes: number, private readonly maxGroupBytes = 64e6,
  ) {}

  get ext(): string {
    return this.shardFormat === "parquet" ? "parquet" : "jsonl.gz";
  }

  add(row: DatasetRow, size: number): void {
    const cur = this.shards.at(-1);
    if (!cur || (cur.rows + this.group.length > 0 && cur.bytes + this.groupBytes + size > this.maxBytes)) this.open();
    this.group.push(row);
    this.groupBytes += size;
    if (this.groupBytes >= this.maxGroupBytes) this.flush();
  }

  private open(): void {
    this.close();
    const tmp = path.join(this.dir, `.${this.split}-${this.shards.length}.${this.ext}.partial`);
    this.shards.push({ tmp, rows: 0, bytes: 0 });
    if (this.shardFormat === "parquet") {
      this.parquet = new ParquetWriter({ writer: fileWriter(tmp), schema: parquetSchema(this.rowFormat), codec: "SNAPPY",
        // our Snappy: the same format, about twice as fast as the writer's own on long texts (snappy.ts)
        compressors: { SNAPPY: snappyCompress }, createdBy: "in2-studio (hyparquet-writer)", statistics: false });
    } else {
      this.fd = fs.openSync(tmp, "w");
    }
  }

  private flush(): void {
    const shard = this.shards.at(-1);
    if (!shard || !this.group.length) return;
    if (this.parquet) {
      // long texts rarely repeat: PLAIN skips the dictionary the writer would otherwise build and drop for every page
      const columnData = COLUMNS[this.rowFormat].map(([name, kind]) => ({ name, data: this.group.map((r) => r[name] ?? null),
        ...(kind === "int" ? {} : { encoding: "PLAIN" as const }) }));
      void this.parquet.write({ columnData, rowGroupSize: this.group.length });
    } else if (this.fd !== null) {
      const text = this.group.map((r) => `${JSON.stringify(r)}\n`).join("");
      // one gzip member per group: concatenated members are one valid gzip stream (gzip -d, Python's gzip, datasets)
      fs.writeSync(this.fd, zlib.gzipSync(text, { level: 6 }));
    }
    shard.rows += this.group.length;
    shard.bytes += this.groupBytes;
    this.group = [];
    this.groupBytes = 0;
  }

  private close(): void {
    this.flush();
    if (this.parquet) void this.parquet.finish();
    if (this.fd !== null) fs.closeSync(this.fd);
    this.parquet = null;
    this.fd = null;
  }

  /** Closes the last shard (an empty split still gets one empty shard, so its data_files resolve) and names them. */
  async finish(): Promise<ShardFacts[]> {
    if (!this.shards.length) this.open();
    this.close();
    const n = this.shards.length;
    const out: ShardFacts[] = [];
    for (const [i, s] of this.shards.entries()) {
      const name = `${this.split}-${String(i).padStart(5, "0")}-of-${String(n).padStart(5, "0")}.${this.ext}`;
      const file = path.join(this.dir, name);
      await fs.promises.rename(s.tmp, file);
      const stat = await fs.promises.stat(file);
      out.push({ file: `data/${name}`, split: this.split, rows: s.rows, bytes: stat.size, uncompressed_bytes: s.bytes, sha256: await sha256File(file) });
    }
    return out;
  }

  /** Removes what was written (a failed export leaves no half folder behind). */
  abort(): void {
    try { this.close(); } catch { /* the error that aborted us is the one to report */ }
    for (const s of this.shards) fs.rmSync(s.tmp, { force: true });
  }
}
