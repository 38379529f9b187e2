import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { AppError } from "@/lib/api/errors";
import type { ExportRow } from "@/lib/export/exports";
import { inStore } from "@/lib/export/store";

/**
 * Downloads of a Hub-ready folder (`layout: "hf"`): one member file by its path inside the folder, or the whole
 * folder as one tar stream. Only the files the export wrote can be named: the card, croissant.json, the manifest,
 * SHA256SUMS and the shards SHA256SUMS lists. SHA256SUMS itself must still hash to the sha256 the export recorded,
 * so a folder changed on disk after the export is refused instead of served as if it were the export.
 */
export interface FolderMember { name: string; file: string; bytes: number; sha256: string | null }

const META_FILES = ["README.md", "croissant.json", "manifest.json", "SHA256SUMS"] as const;
const SUMS_LINE = /^([0-9a-f]{64}) {2}(data\/[\w.-]+)$/;

/** The folder's files in a fixed order (metadata first, then shards as SHA256SUMS lists them), with sizes. */
export async function folderMembers(row: ExportRow): Promise<FolderMember[]> {
  const dir = inStore(row.path);
  const sums = await fs.promises.readFile(path.join(dir, "SHA256SUMS"), "utf8").catch(() => null);
  if (sums === null) throw new AppError("not_found", `the folder of export ${row.id} is gone from ${dir}; run the export again`);
  const got = crypto.createHash("sha256").update(sums).digest("hex");
  if (got !== row.sha256) {
    throw new AppError("conflict", `the folder of export ${row.id} changed on disk since it was written (SHA256SUMS hashes to ${got.slice(0, 12)}…, the export recorded ${row.sha256.slice(0, 12)}…); run the export again`);
  }
  const shards = sums.split("\n").filter(Boolean).map((l) => {
    const m = SUMS_LINE.exec(l);
    if (!m) throw new AppError("conflict", `SHA256SUMS of export ${row.id} has a line that is not "<sha256>  data/<file>": ${JSON.stringify(l.slice(0, 80))}`);
    return { name: m[2]!, sha256: m[1]! };
  });
  const named = [...META_FILES.map((name) => ({ name, sha256: null as string | null })), ...shards];
  return Promise.all(named.map(async ({ name, sha256 }) => {
    const file = path.join(dir, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (!stat?.isFile()) throw new AppError("not_found", `${name} of export ${row.id} is gone from ${dir}; run the export again`);
    return { name, file, bytes: stat.size, sha256 };
  }));
}

/** One member file of the folder, streamed; `member` is its path inside the folder, e.g. `data/train-00000-of-00001.parquet`. */
export async function folderMemberDownload(row: ExportRow, member: string): Promise<Response> {
  const members = await folderMembers(row);
  const m = members.find((x) => x.name === member);
  if (!m) throw new AppError("not_found", `export ${row.id} has no file "${member}"; its files are ${members.map((x) => x.name).join(", ")}`);
  return new Response(fileStream(m.file), {
    headers: {
      "content-type": contentType(m.name),
      "content-length": String(m.bytes),
      "content-disposition": `attachment; filename="${path.basename(m.name)}"`,
      ...(m.sha256 ? { etag: `"${m.sha256}"` } : {}),
      "cache-control": "private, no-store",
    },
  });
}

/**
 * The whole folder as an uncompressed tar (shards are compressed already), streamed member by member, under one
 * top folder `in2-export-<id>/`. Its length is known before the first byte, and its bytes depend only on the export
 * (fixed modes, owner and the export's time), so two downloads of one export are identical.
 */
export async function folderTarDownload(row: ExportRow): Promise<Response> {
  const members = await folderMembers(row);
  const top = `in2-export-${row.id}`;
  const mtime = Math.floor(new Date(row.createdAt).getTime() / 1000);
  const length = members.reduce((a, m) => a + 512 + padded(m.bytes), 0) + 1024;
  async function* tar(): AsyncGenerator<Uint8Array> {
    for (const m of members) {
      yield tarHeader(`${top}/${m.name}`, m.bytes, mtime);
      let sent = 0;
      for await (const chunk of fs.createReadStream(m.file, { highWaterMark: 1 << 20 })) {
        sent += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      if (sent !== m.bytes) throw new Error(`${m.name} of export ${row.id} changed size while it was sent (${sent} of ${m.bytes} bytes)`);
      if (padded(m.bytes) > m.bytes) yield Buffer.alloc(padded(m.bytes) - m.bytes);
    }
    yield Buffer.alloc(1024);
  }
  return new Response(Readable.toWeb(Readable.from(tar())) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "application/x-tar",
      "content-length": String(length),
      "content-disposition": `attachment; filename="${top}.tar"`,
      etag: `"${row.sha256}"`,
      "cache-control": "private, no-store",
    },
  });
}

const padded = (n: number) => Math.ceil(n / 512) * 512;

/** A POSIX ustar header for a regular file (names here are short: the 100-byte field, or prefix + name). */
export function tarHeader(name: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(512);
  let prefix = "";
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf("/", 155);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
    if (cut < 0 || Buffer.byteLength(base) > 100 || Buffer.byteLength(prefix) > 155) throw new Error(`tar: name too long: ${name}`);
  }
  if (size > 0o77777777777) throw new Error(`tar: ${name} is larger than 8 GiB; use smaller shards (--shard-mb)`);
  const put = (text: string, at: number, len: number) => h.write(text, at, len, "utf8");
  const octal = (n: number, len: number) => n.toString(8).padStart(len - 1, "0") + "\0";
  put(base, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(mtime, 12), 136, 12);
  h.fill(0x20, 148, 156); // the checksum is computed with its own field as spaces
  put("0", 156, 1);
  put("ustar\0", 257, 6);
  put("00", 263, 2);
  put("in2", 265, 32);
  put("in2", 297, 32);
  put(prefix, 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8);
  return h;
}

function fileStream(file: string): ReadableStream<Uint8Array> {
  return Readable.toWeb(fs.createReadStream(file, { highWaterMark: 1 << 20 })) as ReadableStream<Uint8Array>;
}

function contentType(name: string): string {
  if (name.endsWith(".json")) return "application/json";
  if (name.endsWith(".md")) return "text/markdown; charset=utf-8";
  if (name.endsWith(".parquet")) return "application/vnd.apache.parquet";
  if (name.endsWith(".gz")) return "application/gzip";
  return "text/plain; charset=utf-8";
}
