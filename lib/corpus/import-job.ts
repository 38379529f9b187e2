import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { dataDir } from "@/lib/config/paths";
import { decontaminateAll } from "@/lib/contexts/decontaminate";
import { defineJob } from "@/lib/jobs/define";
import { importFiles, type Skip } from "./importer";

export const importParams = z.object({
  corpus: z.string().min(1).max(200),
  files: z.array(z.object({ path: z.string(), name: z.string() })).min(1),
  textField: z.string().min(1).max(200).optional(),
  tokenizer: z.string().min(1).max(500).optional(),
  maxParagraphTokens: z.number().int().min(0).optional(),
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
    const summary = await importFiles({
      corpus: p.corpus,
      files: p.files,
      textField: p.textField,
      tokenizer: p.tokenizer,
      maxParagraphTokens: p.maxParagraphTokens,
      signal: ctx.signal,
      onSkip: (s) => {
        recent.push(s);
        if (recent.length > 20) recent.shift();
      },
      onProgress: (pr) => {
        void ctx.progress({
          done: pr.bytesRead, total: pr.bytesTotal,
          counters: { imported: pr.imported, duplicates: pr.duplicates, segments: pr.segments, skipped: pr.skipped, recentSkips: recent },
        });
      },
    });
    if (p.deleteAfter) for (const f of p.files) if (isUpload(f.path)) await fs.promises.rm(f.path, { force: true });
    // new documents are checked against the active eval sets before anyone generates from them or draws fillers
    await ctx.progress({ message: "decontaminating" });
    const [decontamination] = await decontaminateAll({ corpusIds: [summary.corpusId], signal: ctx.signal });
    return { ...summary, contaminated: decontamination?.contaminatedTotal ?? 0 };
  },
});

export function uploadsDir(): string {
  return path.join(dataDir(), "uploads");
}

function isUpload(p: string): boolean {
  return path.resolve(p).startsWith(path.resolve(uploadsDir()) + path.sep);
}
