import fs from "node:fs";
import path from "node:path";
import { formatParts } from "./formats";
import { ManifestBuilder, type Manifest } from "./manifest";
import { normalizeOptions, type ExportOptions } from "./params";
import { isGzipPath, manifestPathFor } from "./paths";
import { countCandidates, exportBatches } from "./source";
import type { ContextStore } from "./types";
import { writeExportFile } from "./write-file";

export interface ExportProgress { scanned: number; total: number; rows: number; bytes: number }

export interface RunExportInput {
  options: ExportOptions;
  /** .jsonl, or .jsonl.gz for gzip */
  out: string;
  store: ContextStore;
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  batchSize?: number;
}

export interface ExportResult {
  out: string;
  manifestPath: string;
  rows: number;
  scanned: number;
  /** selected pairs left out (contaminated, not in the run, unassemblable, example too long…), by reason in the manifest */
  unassembled: number;
  bytes: number;
  uncompressedBytes: number;
  sha256: string;
  manifest: Manifest;
}

/**
 * Writes one export: the selected pairs in id order, formatted, streamed to the file with backpressure (memory
 * holds two keyset pages at most), then the manifest beside it. Deterministic: no timestamps, fixed key and row
 * order, fixed gzip header, so the same database state and seed give the same bytes.
 */
export async function runExport(input: RunExportInput): Promise<ExportResult> {
  const options = normalizeOptions(input.options);
  const total = await countCandidates(options);
  // the recipe is fixed once for the whole export (eval sets read once, one assembly run at most)
  const session = await input.store.open({
    minTokens: options.minTokens, maxTokens: options.maxTokens, shortRatio: options.shortRatio, seed: options.seed,
    tokenizer: options.tokenizer, runId: options.runId,
  });
  const manifest = new ManifestBuilder(options, session.recipe);
  const progress: ExportProgress = { scanned: 0, total, rows: 0, bytes: 0 };
  let unassembled = 0;
  // the total is known before the first page, which may wait on assembling missing contexts
  input.onProgress?.({ ...progress });

  async function* chunks() {
    for await (const batch of exportBatches(options, session, input.store, input.batchSize)) {
      input.signal?.throwIfAborted();
      // the page as buffers: small fields joined as text, prebuilt context bytes passed on as they came (no copy)
      const parts: Buffer[] = [];
      let text = "";
      for (const r of batch.records) {
        for (const p of formatParts(options.format, r)) {
          if (typeof p === "string") text += p;
          else {
            if (text) parts.push(Buffer.from(text, "utf8"));
            text = "";
            parts.push(p);
          }
        }
        manifest.add(r);
      }
      if (text) parts.push(Buffer.from(text, "utf8"));
      for (const [reason, n] of Object.entries(batch.leftOut)) {
        manifest.skip(reason, n);
        unassembled += n;
      }
      progress.scanned += batch.scanned;
      progress.rows += batch.records.length;
      for (const p of parts) progress.bytes += p.length;
      input.onProgress?.({ ...progress });
      if (parts.length) yield parts;
    }
  }

  const gzip = isGzipPath(input.out);
  const file = await writeExportFile(input.out, gzip, chunks(), options.compressionLevel);
  const built = manifest.build({ file: path.basename(input.out), compression: gzip ? "gzip" : null, compression_level: gzip ? options.compressionLevel : null,
    bytes: file.bytes, sha256: file.sha256 });
  const manifestPath = manifestPathFor(input.out);
  await fs.promises.writeFile(`${manifestPath}.partial`, `${JSON.stringify(built, null, 2)}\n`);
  await fs.promises.rename(`${manifestPath}.partial`, manifestPath);
  return {
    out: input.out, manifestPath, rows: manifest.rowCount, scanned: progress.scanned, unassembled,
    bytes: file.bytes, uncompressedBytes: file.uncompressedBytes, sha256: file.sha256, manifest: built,
  };
}
