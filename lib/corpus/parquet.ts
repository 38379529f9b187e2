import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import type { Record_ } from "./records";

/**
 * Reads a Parquet file as documents, one row group at a time (memory stays bounded by the largest row group, not
 * the file), with hyparquet: pure JavaScript, no native build, no dependencies, maintained, Node 20 fine; codecs
 * (zstd, snappy, gzip, brotli, lz4) from hyparquet-compressors. `line` is the row number (from 1); the other columns
 * become the document's metadata, as the other fields of a JSON line do.
 */
export async function* readParquetRecords(
  file: string, textField: string, displayName: string, onBytes?: (bytesRead: number) => void,
): AsyncGenerator<Record_> {
  const buffer = await asyncBufferFromFile(file);
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (err) {
    throw new ParquetError(`${displayName}: not a readable Parquet file (${(err as Error).message})`);
  }
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  if (!columns.includes(textField)) {
    throw new ParquetError(`${displayName}: no column "${textField}" (columns: ${columns.join(", ")}); choose one with --text-field`);
  }
  const totalRows = Number(metadata.num_rows);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd, compressors });
    for (const [i, row] of rows.entries()) {
      const line = rowStart + i + 1;
      const t = row[textField];
      if (t === undefined || t === null) { yield { kind: "skip", file: displayName, line, reason: `missing text field "${textField}"` }; continue; }
      if (typeof t !== "string") { yield { kind: "skip", file: displayName, line, reason: `text field "${textField}" is not a string` }; continue; }
      if (t.trim() === "") { yield { kind: "skip", file: displayName, line, reason: `empty text field "${textField}"` }; continue; }
      const meta: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) if (k !== textField) meta[k] = jsonValue(v);
      yield { kind: "doc", file: displayName, line, text: t, meta };
    }
    rowStart = rowEnd;
    onBytes?.(totalRows ? Math.round((buffer.byteLength * rowStart) / totalRows) : buffer.byteLength);
  }
}

export class ParquetError extends Error {}

/** Parquet values as JSON can hold them: 64-bit integers as numbers when exact, else strings; dates as ISO text. */
function jsonValue(v: unknown): unknown {
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString("base64");
  if (Array.isArray(v)) return v.map(jsonValue);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonValue(x)]));
  return v;
}
