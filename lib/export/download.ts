import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { AppError } from "@/lib/api/errors";
import { getExport } from "./exports";
import { inStore } from "./store";

/**
 * A finished export as a streamed HTTP response: the file is read in chunks as the client takes them, so a
 * 10 GB export costs the server a buffer, not 10 GB. The sha256 doubles as a strong ETag.
 */
export async function exportDownload(id: number, which: "file" | "manifest" = "file"): Promise<Response> {
  const row = await getExport(id);
  // a shared store may be mounted elsewhere on the worker that wrote the file: look it up in this process's store
  const file = inStore(which === "file" ? row.path : row.manifestPath);
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat) throw new AppError("not_found", `the file of export ${id} is gone from ${file}; run the export again`);
  const type = which === "manifest" ? "application/json" : file.endsWith(".gz") ? "application/gzip" : "application/x-ndjson; charset=utf-8";
  const body = Readable.toWeb(fs.createReadStream(file, { highWaterMark: 1 << 20 })) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "content-type": type,
      "content-length": String(stat.size),
      "content-disposition": `attachment; filename="${path.basename(file).replace(/"/g, "")}"`,
      ...(which === "file" ? { etag: `"${row.sha256}"` } : {}),
      "cache-control": "private, no-store",
    },
  });
}
