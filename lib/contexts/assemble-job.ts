import { AppError } from "@/lib/api/errors";
import { defineJob } from "@/lib/jobs/define";
import { enqueueJob } from "@/lib/jobs/queue";
import { joinAssembly, runAssembly } from "./run";
import { ASSEMBLE_KIND, ASSEMBLE_SHARE_KIND, assembleShareParams, assemblyRequest } from "./schemas";
import { createRun, getRun, mergeRunParams, runForJob } from "./store";

/**
 * The background form of `in2 assemble`. Resumable: the job owns one assembly run (found again by job id), and
 * runAssembly skips pairs that already have a context in it. With `workers` > 1 it queues share jobs (once per
 * run) that any other worker takes: they claim chunks of the same run, and this job waits for their chunks.
 */
export const assembleJob = defineJob({
  kind: ASSEMBLE_KIND,
  version: 1,
  params: assemblyRequest,
  async run(ctx, p) {
    const { selection, evalFiles, workers, ...opts } = p;
    const runId = (await runForJob(ctx.jobId)) ?? (await createRun({ ...opts, selection, evalFiles }, p.seed, ctx.jobId));
    if (workers > 1 && (await getRun(runId))?.params.shareJobs === undefined) {
      const ids: number[] = [];
      for (let i = 1; i < workers; i++) ids.push(await enqueueJob(ASSEMBLE_SHARE_KIND, { runId }));
      await mergeRunParams(runId, { shareJobs: ids });
    }
    return runAssembly(runId, selection, opts, {
      evalFiles,
      signal: ctx.signal,
      // one worker process may run several jobs: the claim name tells them apart
      worker: `${ctx.workerId}:job${ctx.jobId}`,
      onProgress: (pr) => ctx.progress({ ...pr, counters: { ...pr.counters, runId } }),
    });
  },
});

/** How long a share job waits for its run to start (the assemble job decontaminates first). */
const START_WAIT_MS = 10 * 60_000;

/** Another worker's share of an assemble job's run: takes chunks until none is left (see joinAssembly). */
export const assembleShareJob = defineJob({
  kind: ASSEMBLE_SHARE_KIND,
  version: 1,
  params: assembleShareParams,
  async run(ctx, p) {
    const until = Date.now() + START_WAIT_MS;
    for (;;) {
      try {
        return await joinAssembly(p.runId, { signal: ctx.signal, worker: `${ctx.workerId}:job${ctx.jobId}` });
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== "conflict" || Date.now() > until) throw err;
        ctx.signal.throwIfAborted();
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  },
});
