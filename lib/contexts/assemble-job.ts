import { defineJob } from "@/lib/jobs/define";
import { runAssembly } from "./run";
import { ASSEMBLE_KIND, assemblyRequest } from "./schemas";
import { createRun, runForJob } from "./store";

/**
 * The background form of `in2 assemble`. Resumable: the job owns one assembly run (found again by job id), and
 * runAssembly skips pairs that already have a context in it.
 */
export const assembleJob = defineJob({
  kind: ASSEMBLE_KIND,
  version: 1,
  params: assemblyRequest,
  async run(ctx, p) {
    const { selection, evalFiles, ...opts } = p;
    const runId = (await runForJob(ctx.jobId)) ?? (await createRun({ ...opts, selection, evalFiles }, p.seed, ctx.jobId));
    return runAssembly(runId, selection, opts, {
      evalFiles,
      signal: ctx.signal,
      onProgress: (pr) => ctx.progress({ ...pr, counters: { ...pr.counters, runId } }),
    });
  },
});
