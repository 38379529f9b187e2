import { AppError } from "@/lib/api/errors";
import { datasetOptions } from "@/lib/dataset/params";
import { defaultDatasetDir } from "@/lib/dataset/paths";
import { runDatasetExport } from "@/lib/dataset/run";
import { defineJob } from "@/lib/jobs/define";
import { appContextStore } from "./contexts-adapter";
import { recordExport } from "./exports";
import { exportJobParams } from "./params";
import { defaultExportPath } from "./paths";
import { runExport } from "./run-export";

export const EXPORT_KIND = "export";

/**
 * The background form of every export (UI and CLI alike). Resumable by construction: contexts assembled before a
 * crash are kept, so a restart writes the same file again from the top, and the export row is keyed by job.
 */
export const exportJob = defineJob({
  kind: EXPORT_KIND,
  version: 1,
  params: exportJobParams,
  async run(ctx, p) {
    const hf = p.options.layout === "hf";
    // --mix names files on the machine that runs `in2 export` (which sets out): a job queued through the API must not read server files
    if (!p.out && p.options.dataset?.mix.length) throw new AppError("bad_request", "--mix reads local files: run `in2 export --layout hf --mix …` on the machine that has them");
    const out = p.out ?? (hf ? defaultDatasetDir(ctx.jobId, p.options) : defaultExportPath(ctx.jobId, p.options));
    const started = Date.now();
    // the hf layout (lib/dataset) reuses this module's selection, contexts and formatting, and writes a folder
    const result = await (hf ? (i: Parameters<typeof runExport>[0]) => runDatasetExport({ ...i, dataset: datasetOptions.parse(p.options.dataset ?? {}) }) : runExport)({
      options: p.options,
      out,
      store: appContextStore,
      signal: ctx.signal,
      onProgress: (pr) => {
        void ctx.progress({ done: pr.scanned, total: pr.total, counters: { rows: pr.rows, bytes: pr.bytes } });
      },
    });
    const exportId = await recordExport(ctx.jobId, p.options, result);
    await ctx.progress({ done: result.scanned, counters: { rows: result.rows, bytes: result.uncompressedBytes }, message: `${result.rows} rows written` });
    return {
      exportId, out: result.out, manifest: result.manifestPath, rows: result.rows, unassembled: result.unassembled,
      leftOut: result.manifest.left_out, recipe: result.manifest.recipe, runs: result.manifest.runs,
      bytes: result.bytes, sha256: result.sha256, seconds: (Date.now() - started) / 1000,
    };
  },
});
