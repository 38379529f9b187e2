import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { dataDir } from "@/lib/config/paths";
import { decontaminateAll } from "@/lib/contexts/decontaminate";
import { defineJob } from "@/lib/jobs/define";
import { importFiles, type Skip } from "./importer";
import { enqueueSearchIndex } from "./search-index-job";
import { deleteUpload, spoolUpload } from "./uploads";

export const importParams = z.object({
  corpus: z.string().min(1).max(200),
  /** a local path (demo, CLI), or an upload stored in PostgreSQL (the UI and remote CLI: any worker can read it) */
  files: z.array(z.object({ path: z.string().optional(), upload: z.string().optional(), name: z.string() })
    .refine((f) => (f.path === undefined) !== (f.upload === undefined), "a file is a path or an upload")).min(1),
  textField: z.string().min(1).max(200).optional(),
  tokenizer: z.string().min(1).max(500).optional(),
  maxParagraphTokens: z.number().int().min(0).optional(),
  /** the source text's licence (Hub or SPDX id); absent = from the source, else the corpus's, else unknown */
  license: z.string().min(1).max(100).optional(),
  /** uploaded files are removed once imported; the user's own files (demo, CLI paths) never are */
  deleteAfter: z.boolean().default(false),
});

/** The background form of `in2 import`, used by the UI's upload and demo button. */
export const importJob = defineJob({
  kind: "import",
  version: 1,
  params: importParams,
  async run(ctx, p) {
    const recent: Skip[] = [];
    // Uploads are copied from PostgreSQL into this worker's own data dir (streamed), then read like any file.
    const spool = path.join(uploadsDir(), `job-${ctx.jobId}`);
    let summary: Awaited<ReturnType<typeof importFiles>>;
    try {
      const files: { path: string; name: string }[] = [];
      for (const [i, f] of p.files.entries()) {
        if (f.path !== undefined) { files.push({ path: f.path, name: f.name }); continue; }
        await ctx.progress({ message: `reading upload ${f.name} from the database` });
        const local = path.join(spool, `${i}-${path.basename(f.name).replace(/[^\w.\-]+/g, "_")}`);
        await spoolUpload(f.upload!, local);
        files.push({ path: local, name: f.name });
      }
      summary = await importFiles({
        corpus: p.corpus,
        files,
        textField: p.textField,
        tokenizer: p.tokenizer,
        maxParagraphTokens: p.maxParagraphTokens,
        license: p.license,
        signal: ctx.signal,
        onSkip: (s) => {
          recent.push(s);
          if (recent.length > 20) recent.shift();
        },
        // the full-text index follows in its own job (issue 14): the import is done when its rows are committed
        buildIndexes: false,
        onProgress: (pr) => {
          void ctx.progress({
            done: pr.bytesRead, total: pr.bytesTotal,
            counters: { imported: pr.imported, duplicates: pr.duplicates, segments: pr.segments, skipped: pr.skipped, recentSkips: recent },
          });
        },
      });
    } finally {
      await fs.promises.rm(spool, { recursive: true, force: true });
    }
    if (!ctx.signal.aborted) {
      for (const f of p.files) if (f.upload !== undefined) await deleteUpload(f.upload);
      // jobs queued before uploads moved into PostgreSQL named files under the uploads dir
      if (p.deleteAfter) for (const f of p.files) if (f.path !== undefined && isUpload(f.path)) await fs.promises.rm(f.path, { force: true });
    }
    // search is correct at once (the new rows are matched by a scan of them) and fast once the follow-up has run
    const searchIndexJob = ctx.signal.aborted ? null : await enqueueSearchIndex(summary.corpusId);
    if (searchIndexJob !== null) await ctx.progress({ message: `all rows committed; search indexing follows in job #${searchIndexJob}` });
    // new documents are checked against the active eval sets before anyone generates from them or draws fillers
    await ctx.progress({ message: "decontaminating" });
    const [decontamination] = await decontaminateAll({ corpusIds: [summary.corpusId], signal: ctx.signal });
    return { ...summary, contaminated: decontamination?.contaminatedTotal ?? 0, searchIndex: searchIndexJob === null ? null : { follows: true, jobId: searchIndexJob } };
  },
});

export function uploadsDir(): string {
  return path.join(dataDir(), "uploads");
}

function isUpload(p: string): boolean {
  return path.resolve(p).startsWith(path.resolve(uploadsDir()) + path.sep);
}
