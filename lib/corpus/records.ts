import fs from "node:fs";
import path from "node:path";
import { ParquetError, readParquetRecords } from "./parquet";
import { readLines, type ReadOptions } from "./read-lines";

/** One document read from an input file, or the reason a line of it was skipped. */
export type Record_ =
  | { kind: "doc"; file: string; line: number; text: string; meta: Record<string, unknown> }
  | { kind: "skip"; file: string; line: number; reason: string };

export const LIMITS = {
  /** a JSON line (a document with its metadata) larger than this is skipped */
  maxLineBytes: Number(process.env.IN2_MAX_LINE_BYTES ?? 8 * 1024 * 1024),
  /** a plain-text file is one document; larger ones are refused */
  maxTextFileBytes: Number(process.env.IN2_MAX_TEXT_FILE_BYTES ?? 8 * 1024 * 1024),
  /** gzip bomb guard: decompressed bytes per file */
  maxDecompressedBytes: Number(process.env.IN2_MAX_DECOMPRESSED_BYTES ?? 64 * 1024 ** 3),
};

/** Bad lines before the first good one after which a file is declared "not JSON Lines" (fatal). */
const SNIFF_LINES = 50;

export class FatalImportError extends Error {}

export function fileKind(file: string): "jsonl" | "text" | "parquet" {
  if (/\.parquet$/i.test(file)) return "parquet";
  const name = path.basename(file).toLowerCase().replace(/\.gz$/, "");
  return name.endsWith(".txt") || name.endsWith(".text") || name.endsWith(".md") ? "text" : "jsonl";
}

/**
 * What a folder import reads: Hub shard layouts (C4 `en/c4-train.00000-of-01024.json.gz`, `data/*.parquet`). The
 * folder's own README.md is its dataset card (license.ts reads its licence), never a document.
 */
const SHARD = /\.(parquet|jsonl|json|ndjson|txt|text|md)(\.gz)?$/i;

/**
 * Input paths with folders expanded into the shards they hold (recursively, hidden entries skipped), in sorted
 * path order, so a folder of `…-00000-of-01024` shards is read in shard order. Files named directly are kept as
 * they are, whatever their name.
 */
export async function expandInputs<T extends { path: string; name?: string }>(files: T[]): Promise<(T & { name: string })[]> {
  const out: (T & { name: string })[] = [];
  for (const f of files) {
    const stat = await fs.promises.stat(f.path).catch(() => null);
    if (!stat?.isDirectory()) { out.push({ ...f, name: f.name ?? path.basename(f.path) }); continue; }
    const found: string[] = [];
    const walk = async (dir: string) => {
      for (const e of await fs.promises.readdir(dir, { withFileTypes: true })) {
        if (e.name.startsWith(".")) continue;
        const p = path.join(dir, e.name);
        // a Hub dataset's card (README.md with front matter) describes the data; it is not a document of it
        if (dir === f.path && /^readme\.md$/i.test(e.name)) continue;
        if (e.isDirectory()) await walk(p);
        else if (e.isFile() && SHARD.test(e.name)) found.push(p);
      }
    };
    await walk(f.path);
    if (!found.length) throw new FatalImportError(`${f.name ?? path.basename(f.path)}: the folder holds no .parquet, .jsonl(.gz), .json(.gz) or .txt files`);
    const base = f.name ?? path.basename(path.resolve(f.path));
    const rel = (p: string) => path.relative(f.path, p).split(path.sep).join("/");
    found.sort((a, b) => (rel(a) < rel(b) ? -1 : rel(a) > rel(b) ? 1 : 0));
    for (const p of found) out.push({ ...f, path: p, name: `${base}/${rel(p)}` });
  }
  return out;
}

export async function* readRecords(
  file: string, textField: string, onBytes?: ReadOptions["onBytes"], displayName = path.basename(file),
): AsyncGenerator<Record_> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    throw new FatalImportError(`${displayName}: file not found`);
  }
  if (!stat.isFile()) throw new FatalImportError(`${displayName}: not a regular file`);
  const opts: ReadOptions = { maxLineBytes: LIMITS.maxLineBytes, onBytes, maxDecompressedBytes: LIMITS.maxDecompressedBytes };
  if (fileKind(file) === "parquet") {
    try {
      yield* readParquetRecords(file, textField, displayName, onBytes);
    } catch (err) {
      if (err instanceof ParquetError) throw new FatalImportError(err.message);
      throw err;
    }
    return;
  }
  if (fileKind(file) === "text") {
    yield* readTextFile(file, displayName, opts);
    return;
  }
  let good = 0;
  let bad = 0;
  let firstError = "";
  for await (const l of readLines(file, opts)) {
    if ("error" in l) {
      bad++;
      yield { kind: "skip", file: displayName, line: l.line, reason: l.error };
      continue;
    }
    if (l.text.trim() === "") continue; // blank lines separate nothing in JSON Lines
    const rec = parseJsonLine(l.text, textField);
    if ("reason" in rec) {
      bad++;
      firstError ||= rec.reason;
      if (good === 0 && bad >= SNIFF_LINES) {
        throw new FatalImportError(`${displayName}: not JSON Lines with a "${textField}" field (the first ${bad} lines could not be read; first error: ${firstError})`);
      }
      yield { kind: "skip", file: displayName, line: l.line, reason: rec.reason };
      continue;
    }
    good++;
    yield { kind: "doc", file: displayName, line: l.line, text: rec.text, meta: rec.meta };
  }
  if (good === 0 && bad > 0) {
    throw new FatalImportError(`${displayName}: no document could be read (${bad} bad lines; first error: ${firstError || "invalid lines"})`);
  }
}

export function parseJsonLine(text: string, textField: string): { text: string; meta: Record<string, unknown> } | { reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { reason: `invalid JSON: ${(err as Error).message}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { reason: "not a JSON object" };
  const obj = value as Record<string, unknown>;
  const t = obj[textField];
  if (t === undefined || t === null) return { reason: `missing text field "${textField}"` };
  if (typeof t !== "string") return { reason: `text field "${textField}" is not a string` };
  if (t.trim() === "") return { reason: `empty text field "${textField}"` };
  const { [textField]: _text, ...meta } = obj;
  return { text: t, meta };
}

async function* readTextFile(file: string, displayName: string, opts: ReadOptions): AsyncGenerator<Record_> {
  const lines: string[] = [];
  let bytes = 0;
  for await (const l of readLines(file, { ...opts, maxLineBytes: LIMITS.maxTextFileBytes })) {
    if ("error" in l) {
      yield { kind: "skip", file: displayName, line: l.line, reason: `${l.error}; the file was not imported` };
      return;
    }
    bytes += Buffer.byteLength(l.text) + 1;
    if (bytes > LIMITS.maxTextFileBytes) {
      yield { kind: "skip", file: displayName, line: l.line, reason: `text file is larger than ${LIMITS.maxTextFileBytes} bytes; not imported` };
      return;
    }
    lines.push(l.text);
  }
  // a final newline ends the last line; it is not an empty last paragraph
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  const text = lines.join("\n");
  if (text.trim() === "") {
    yield { kind: "skip", file: displayName, line: 1, reason: "empty text file" };
    return;
  }
  yield { kind: "doc", file: displayName, line: 1, text, meta: { filename: displayName } };
}
