import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";

export interface WrittenFile { bytes: number; uncompressedBytes: number; sha256: string }

/**
 * A gzip member header with every variable field pinned: no mtime, no file name, XFL 0 and OS 3 (Unix) whatever
 * the platform, so the same rows give the same bytes on any machine. Node's own gzip writes the OS byte of the
 * platform it runs on; writing the header ourselves around raw deflate removes that last difference.
 */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
// Level 6 (zlib's default): the usual size/speed trade. The level changes the bytes, so callers record it.
export const GZIP_LEVEL = 6;

function gzipTrailer(crc: number, size: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt32LE(crc >>> 0, 0);
  b.writeUInt32LE(size % 2 ** 32, 4);
  return b;
}

/**
 * Streams chunks (text, UTF-8 bytes, or a page of them) to `file` (gzip when asked) with backpressure, hashing the bytes as they go. The rows land
 * in `file.partial` first and are renamed at the end, so a crash never leaves a truncated file under the real name.
 */
export async function writeExportFile(file: string, gzip: boolean, chunks: AsyncIterable<string | Buffer | Buffer[]>, level = GZIP_LEVEL): Promise<WrittenFile> {
  const hash = crypto.createHash("sha256");
  let bytes = 0;
  let uncompressedBytes = 0;
  let crc = 0;
  const partial = `${file}.partial`;
  await fs.promises.mkdir(path.dirname(file), { recursive: true });

  async function* encode() {
    for await (const s of chunks) {
      for (const b of typeof s === "string" ? [Buffer.from(s, "utf8")] : Array.isArray(s) ? s : [s]) {
        uncompressedBytes += b.length;
        if (gzip) crc = zlib.crc32(b, crc);
        yield b;
      }
    }
  }
  async function* frame(source: AsyncIterable<Buffer>) {
    yield GZIP_HEADER;
    for await (const c of source) yield c;
    // encode() has finished by the time deflate ends, so the checksum and size are final here
    yield gzipTrailer(crc, uncompressedBytes);
  }
  async function* tap(source: AsyncIterable<Buffer>) {
    for await (const c of source) {
      hash.update(c);
      bytes += c.length;
      yield c;
    }
  }
  const out = fs.createWriteStream(partial, { highWaterMark: 1 << 20 });
  try {
    if (gzip) await pipeline(encode, zlib.createDeflateRaw({ level, chunkSize: 1 << 16 }), frame, tap, out);
    else await pipeline(encode, tap, out);
    await fs.promises.rename(partial, file);
  } catch (err) {
    await fs.promises.rm(partial, { force: true });
    throw err;
  }
  return { bytes, uncompressedBytes, sha256: hash.digest("hex") };
}

/** sha256 of a file on disk, streamed (for checks and for the download route's ETag). */
export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const c of fs.createReadStream(file)) hash.update(c as Buffer);
  return hash.digest("hex");
}
