import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";
import { enqueueJob } from "@/lib/jobs/queue";
import { pool } from "@/lib/db/client";
import { catchUpSearchIndex, pendingSearchSegments } from "./search-index";

/**
 * The follow-up of an import (issue 14): puts the segments the import wrote into the full-text index and builds
 * the indexes a big import deferred, off the import's write path. Search is correct before, during and after it
 * (lib/corpus/search-index.ts); it only gets faster. Resumable: each batch commits, a restarted job continues with
 * the rows still pending; running it when nothing is pending is a no-op.
 */
export const searchIndexJob = defineJob({
  kind: "search-index",
  version: 1,
  params: z.object({ corpusId: z.number().int().optional() }),
  async run(ctx) {
    const total = await pendingSearchSegments();
    await ctx.progress({ done: 0, total, message: `indexing ${total} new segments for search (search answers meanwhile, by a scan of them)` });
    const r = await catchUpSearchIndex({ signal: ctx.signal, onProgress: (done, all) => void ctx.progress({ done, total: all }) });
    return { segments: r.segments, seconds: r.seconds };
  },
});

/**
 * Enqueues the follow-up unless one is already queued (a running one may have passed rows committed after it
 * counted, so another is queued then). Returns the job's id.
 */
export async function enqueueSearchIndex(corpusId?: number, createdById?: number): Promise<number> {
  const { rows: [queued] } = await pool().query<{ id: number }>(
    `SELECT id FROM job WHERE kind = 'search-index' AND status = 'queued' ORDER BY id LIMIT 1`);
  if (queued) return queued.id;
  return enqueueJob(searchIndexJob.kind, { corpusId }, { createdById });
}
