import path from "node:path";
import type { ExportOptions } from "@/lib/export/params";
import { exportsDir } from "@/lib/export/paths";

/** The folder of an hf-layout export job started from the UI: in the export store, named by job id and format. */
export function defaultDatasetDir(jobId: number, o: Pick<ExportOptions, "format">): string {
  return path.join(exportsDir(), `export-${jobId}-${o.format}-hf`);
}
