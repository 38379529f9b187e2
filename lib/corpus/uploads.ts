import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/api/errors";
import { uploadsDir } from "./import-job";

export const MAX_UPLOAD_BYTES = Number(process.env.IN2_MAX_UPLOAD_BYTES ?? 4 * 1024 ** 3);

export interface Upload { id: string; name: string; bytes: number }

/** Streams a request body to .data/uploads without holding it in memory; refuses bodies over the limit. */
export async function saveUpload(name: string, body: ReadableStream<Uint8Array> | null): Promise<Upload> {
  if (!body) throw new AppError("bad_request", "the upload has no body");
  const safe = path.basename(name).replace(/[^\w.\-]+/g, "_").slice(-120) || "upload";
  const id = `${Date.now().toString(36)}-${crypto.randomBytes(6).toString("hex")}-${safe}`;
  await fs.promises.mkdir(uploadsDir(), { recursive: true });
  const file = path.join(uploadsDir(), id);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes > MAX_UPLOAD_BYTES) cb(new AppError("payload_too_large", `upload exceeds the limit of ${MAX_UPLOAD_BYTES} bytes`));
      else cb(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream), limit, fs.createWriteStream(file));
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    throw err;
  }
  return { id, name: safe, bytes };
}

export function uploadPath(id: string): string {
  if (!/^[\w.\-]+$/.test(id)) throw new AppError("bad_request", "invalid upload id");
  const p = path.join(uploadsDir(), id);
  if (!fs.existsSync(p)) throw new AppError("not_found", `upload ${id} does not exist (already imported?)`);
  return p;
}
