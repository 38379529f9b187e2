import crypto from "node:crypto";
import os from "node:os";
import { getJob } from "@/lib/jobs/jobs";
import { runJob } from "@/lib/jobs/runner";
import "./run-job";
import { probeRunSummary, startProbeRun } from "./runs";
import type { StartProbeRunInput } from "./schemas";

const ACTIVE = new Set(["queued", "running", "cancelling"]);

/**
 * `in2 probe run` (and tests): the run is an ordinary background job (visible in the app, resumable by any worker);
 * this process claims and runs it itself, or, when a worker got there first, waits for it. Progress lines go
 * to `progress` (the CLI's stderr); the result is the run's per-bin summary.
 */
export async function runProbeInProcess(input: StartProbeRunInput, progress: (line: string) => void = () => {}) {
  const run = await startProbeRun(input);
  const jobId = run.jobId!;
  const workerId = `cli:${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const started = Date.now();
  let last = "";
  const report = async () => {
    const j = await getJob(jobId);
    const secs = (Date.now() - started) / 1000;
    const line = `probe run ${run.id} (${run.model}): ${j.done}/${j.total} scored` +
      `${j.total ? ` (${((100 * j.done) / j.total).toFixed(1)}%)` : ""}${j.failed ? `, ${j.failed} failed` : ""}, ${secs.toFixed(0)} s`;
    if (line !== last) progress(line);
    last = line;
    return j;
  };
  const timer = setInterval(() => { report().catch(() => {}); }, 1000);
  try {
    await runJob(jobId, workerId, progress);
    let job = await report();
    while (ACTIVE.has(job.status)) {
      await new Promise((r) => setTimeout(r, 1000));
      job = await report();
    }
    if (job.status !== "succeeded") throw new Error(`probe run ${run.id} ${job.status}${job.error ? `: ${job.error}` : ""}`);
  } finally {
    clearInterval(timer);
  }
  const s = await probeRunSummary(run.id);
  return {
    run: s.id, set: s.setId, style: s.style, model: s.model, endpoint: s.endpoint, base_url: s.baseUrl, job: jobId, examples: s.exampleCount,
    scored: s.scored, failed: s.failed, avg: round(s.curve.avg * 100), gap: round(s.curve.gap * 100), bin_size: s.binSize,
    bins: s.curve.bins.map((b) => ({ positions: `${b.from}-${b.to}`, accuracy: round(b.accuracy * 100), n: b.n })),
  };
}

const round = (x: number) => Math.round(x * 10) / 10;
