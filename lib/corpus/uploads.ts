import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/api/errors";
import { pool, withTransaction } from "@/lib/db/client";

export const MAX_UPLOAD_BYTES = Number(process.env.IN2_MAX_UPLOAD_BYTES ?? 4 * 1024 ** 3);
/** Rows of this many bytes: big enough that a 4 GB upload is 4,096 rows, small enough to hold one in memory. */
const CHUNK_BYTES = 1 << 20;
/** Chunks fetched per query when reading an upload back (bounded memory: 8 MiB). */
const READ_BATCH = 8;

export interface Upload { id: string; name: string; bytes: number }

/**
 * Streams a request body into PostgreSQL (upload + upload_chunk rows of 1 MiB), never holding more than one
 * chunk in memory, so any worker — on any machine, with only DATABASE_URL — can import it. Refuses bodies over
 * the limit; a failed or refused upload leaves no rows behind.
 */
export async function saveUpload(name: string, body: ReadableStream<Uint8Array> | null, createdById?: number): Promise<Upload> {
  if (!body) throw new AppError("bad_request", "the upload has no body");
  const safe = path.basename(name).replace(/[^\w.\-]+/g, "_").slice(-120) || "upload";
  const id = `${Date.now().toString(36)}-${crypto.randomBytes(6).toString("hex")}-${safe}`;
  await pool().query(`INSERT INTO upload (id, name, created_by_id) VALUES ($1, $2, $3)`, [id, safe, createdById ?? null]);
  const hash = crypto.createHash("sha256");
  let bytes = 0;
  let seq = 0;
  let parts: Buffer[] = [];
  let partBytes = 0;
  const writeChunk = async (buf: Buffer) => {
    await pool().query(`INSERT INTO upload_chunk (upload_id, seq, data) VALUES ($1, $2, $3)`, [id, seq++, buf]);
  };
  const sink = new Writable({
    // one chunk at a time: the stream waits for each row's INSERT before taking more of the body
    write(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes > MAX_UPLOAD_BYTES) return cb(new AppError("payload_too_large", `upload exceeds the limit of ${MAX_UPLOAD_BYTES} bytes`));
      hash.update(chunk);
      parts.push(chunk);
      partBytes += chunk.length;
      if (partBytes < CHUNK_BYTES) return cb();
      const all = Buffer.concat(parts, partBytes);
      const full = all.subarray(0, all.length - (all.length % CHUNK_BYTES));
      const rest = all.subarray(full.length);
      parts = rest.length ? [Buffer.from(rest)] : [];
      partBytes = rest.length;
      (async () => { for (let o = 0; o < full.length; o += CHUNK_BYTES) await writeChunk(full.subarray(o, o + CHUNK_BYTES)); })()
        .then(() => cb(), cb);
    },
    final(cb) {
      (partBytes ? writeChunk(Buffer.concat(parts, partBytes)) : Promise.resolve()).then(() => cb(), cb);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream), sink);
    await pool().query(`UPDATE upload SET bytes = $2, sha256 = $3, complete = true WHERE id = $1`, [id, bytes, hash.digest("hex")]);
  } catch (err) {
    await deleteUpload(id).catch(() => {});
    throw err;
  }
  return { id, name: safe, bytes };
}

/** A finished upload's name and size; a clear error for an unknown, unfinished or already imported one. */
export async function getUpload(id: string): Promise<Upload> {
  if (!/^[\w.\-]+$/.test(id)) throw new AppError("bad_request", "invalid upload id");
  const { rows } = await pool().query<{ name: string; bytes: string }>(`SELECT name, bytes FROM upload WHERE id = $1 AND complete`, [id]);
  if (!rows[0]) throw new AppError("not_found", `upload ${id} does not exist (already imported?)`);
  return { id, name: rows[0].name, bytes: Number(rows[0].bytes) };
}

/** The upload's bytes as a stream, read in keyset batches of chunks (at most READ_BATCH MiB in memory). */
export function uploadStream(id: string): Readable {
  let next = 0;
  let done = false;
  async function* chunks() {
    while (!done) {
      const { rows } = await pool().query<{ seq: number; data: Buffer }>(
        `SELECT seq, data FROM upload_chunk WHERE upload_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3`, [id, next, READ_BATCH]);
      for (const r of rows) yield r.data;
      if (rows.length < READ_BATCH) done = true;
      else next = rows[rows.length - 1]!.seq + 1;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/**
 * Copies an upload from PostgreSQL to a local file (this worker's own data dir), streamed, and checks its sha256:
 * the importer and eval-set reader then read a local file as for any other path.
 */
export async function spoolUpload(id: string, file: string): Promise<void> {
  const { rows } = await pool().query<{ sha256: string | null }>(`SELECT sha256 FROM upload WHERE id = $1 AND complete`, [id]);
  if (!rows[0]) throw new AppError("not_found", `upload ${id} does not exist (already imported?)`);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const hash = crypto.createHash("sha256");
  const hashing = new Transform({ transform(c: Buffer, _enc, cb) { hash.update(c); cb(null, c); } });
  await pipeline(uploadStream(id), hashing, fs.createWriteStream(file));
  if (hash.digest("hex") !== rows[0].sha256) {
    await fs.promises.rm(file, { force: true });
    throw new Error(`upload ${id} is incomplete in the database (checksum mismatch)`);
  }
}

/**
 * Keeps bytes (an eval set) in the upload tables under a fixed id, so workers elsewhere can read them; once only:
 * the same id again is a no-op.
 */
export async function keepBytes(id: string, name: string, bytes: Buffer): Promise<void> {
  await withTransaction(async (client) => {
    const { rowCount } = await client.query(
      `INSERT INTO upload (id, name, bytes, sha256, complete) VALUES ($1, $2, $3, $4, true) ON CONFLICT (id) DO NOTHING`,
      [id, name, bytes.length, crypto.createHash("sha256").update(bytes).digest("hex")]);
    if (rowCount) {
      for (let o = 0, seq = 0; o < bytes.length; o += CHUNK_BYTES, seq++) {
        await client.query(`INSERT INTO upload_chunk (upload_id, seq, data) VALUES ($1, $2, $3)`, [id, seq, bytes.subarray(o, o + CHUNK_BYTES)]);
      }
    }
  });
}

/** A small upload's name and bytes in memory (eval sets), or null when it is gone (already consumed). */
export async function readUpload(id: string): Promise<{ name: string; bytes: Buffer } | null> {
  const { rows } = await pool().query<{ name: string }>(`SELECT name FROM upload WHERE id = $1 AND complete`, [id]);
  if (!rows[0]) return null;
  const parts: Buffer[] = [];
  for await (const c of uploadStream(id)) parts.push(c as Buffer);
  return { name: rows[0].name, bytes: Buffer.concat(parts) };
}

export async function deleteUpload(id: string): Promise<void> {
  await pool().query(`DELETE FROM upload WHERE id = $1`, [id]);
}
