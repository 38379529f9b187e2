import fs from "node:fs";
import { Transform } from "node:stream";
import { createGunzip } from "node:zlib";

/**
 * Streams a file (plain or gzip, told by its magic bytes) as lines of bytes, decoding each line strictly
 * as UTF-8. Memory stays bounded: a line longer than `maxLineBytes` is not buffered but skipped to its
 * end and reported. Lines are numbered from 1; a trailing "\r" is dropped.
 */
export type Line = { line: number; text: string } | { line: number; error: string };

export interface ReadOptions {
  maxLineBytes: number;
  /** called with the number of bytes read from disk so far (compressed bytes for gzip) */
  onBytes?: (bytesRead: number) => void;
  /** bound on decompressed bytes: a gzip bomb stops with an error instead of filling the disk or memory */
  maxDecompressedBytes?: number;
}

const BOMB_RATIO = 100;
const BOMB_MIN_BYTES = 64 * 1024 * 1024;

export async function isGzip(path: string): Promise<boolean> {
  const fh = await fs.promises.open(path, "r");
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

export async function* readLines(path: string, opts: ReadOptions): AsyncGenerator<Line> {
  const gzip = await isGzip(path);
  const raw = fs.createReadStream(path, { highWaterMark: 1 << 20 });
  let bytesRead = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytesRead += chunk.length;
      opts.onBytes?.(bytesRead);
      cb(null, chunk);
    },
  });
  const counted = raw.pipe(counter);
  raw.on("error", (err) => counted.destroy(err));
  const source: AsyncIterable<Buffer> = gzip ? counted.pipe(createGunzip()) : counted;
  if (gzip) counted.on("error", (err) => (source as NodeJS.ReadableStream & { destroy(e: Error): void }).destroy(err));
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let parts: Buffer[] = [];
  let partBytes = 0;
  let overflow = false;
  let lineNo = 0;
  let total = 0;

  const emit = (chunk: Buffer): Line => {
    lineNo++;
    if (overflow) {
      overflow = false;
      return { line: lineNo, error: `line is longer than the limit of ${opts.maxLineBytes} bytes` };
    }
    let buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts, partBytes);
    if (chunk.length) buf = parts.length ? Buffer.concat([buf, chunk]) : chunk;
    if (buf.length && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
    try {
      return { line: lineNo, text: decoder.decode(buf) };
    } catch {
      return { line: lineNo, error: "invalid UTF-8" };
    }
  };

  for await (const chunk of source) {
    total += chunk.length;
    if (opts.maxDecompressedBytes && total > opts.maxDecompressedBytes) {
      raw.destroy();
      throw new Error(`decompressed data exceeds the limit of ${opts.maxDecompressedBytes} bytes`);
    }
    // Text compresses ~3–10×; a gzip stream expanding far beyond that is a decompression bomb.
    if (gzip && total > BOMB_MIN_BYTES && total > BOMB_RATIO * Math.max(bytesRead, 1)) {
      raw.destroy();
      throw new Error(`gzip data expands more than ${BOMB_RATIO}× (${total} bytes from ${bytesRead}): refusing a likely decompression bomb`);
    }
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      const piece = chunk.subarray(start, nl);
      if (!overflow && partBytes + piece.length > opts.maxLineBytes) overflow = true;
      yield emit(overflow ? Buffer.alloc(0) : piece);
      parts = [];
      partBytes = 0;
      start = nl + 1;
    }
    const rest = chunk.subarray(start);
    if (rest.length && !overflow) {
      if (partBytes + rest.length > opts.maxLineBytes) {
        overflow = true;
        parts = [];
        partBytes = 0;
      } else {
        parts.push(Buffer.from(rest)); // copy: the stream may reuse its chunk
        partBytes += rest.length;
      }
    }
  }
  if (partBytes > 0 || overflow) yield emit(Buffer.alloc(0));
}
