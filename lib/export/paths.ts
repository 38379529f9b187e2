import path from "node:path";
import type { ExportOptions } from "./params";
import { exportStoreDir } from "./store";

/** Where exports started from the UI are written: the export store (the CLI writes wherever --out says). */
export function exportsDir(): string {
  return exportStoreDir();
}

/** The default file of an export job: named by job id and format, so every job has its own file. */
export function defaultExportPath(jobId: number, o: Pick<ExportOptions, "format" | "gzip">): string {
  return path.join(exportsDir(), `export-${jobId}-${o.format}.jsonl${o.gzip ? ".gz" : ""}`);
}

export function isGzipPath(file: string): boolean {
  return file.endsWith(".gz");
}

/** The manifest sits beside the file: `name.jsonl.gz` → `name.manifest.json`. */
export function manifestPathFor(file: string): string {
  const stem = file.replace(/\.gz$/, "").replace(/\.jsonl$/, "");
  return `${stem}.manifest.json`;
}
