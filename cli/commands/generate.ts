import { getCorpus } from "@/lib/corpus/corpora";
import { estimateGeneration, type Estimate } from "@/lib/generate/estimate";
import { createJobRow } from "@/lib/generate/job-row";
import { assertRunnable, prepareGeneration } from "@/lib/generate/start";
import { getJob, type JobRow } from "@/lib/jobs/jobs";
import { enqueueJob } from "@/lib/jobs/queue";
import "@/lib/jobs/kinds";
import { progress, UsageError, type Command } from "../command";
import { writeLine } from "../output";
import { runJobHere } from "../run-here";

export const generateCommand: Command = {
  name: "generate",
  summary: "generate question–answer pairs (a background job; --wait runs it here)",
  usage: "in2 generate --type single|multi --count N [--corpus NAME] [--seed S] [--segments ID,ID…] [--provider openai|offline] [--model M] "
    + "[--concurrency C] [--rpm R] [--tpm T] [--budget-usd X] [--mode online|batch] [--timeout-ms MS] [--wait]",
  options: {
    type: { type: "string" }, count: { type: "string" }, corpus: { type: "string" }, seed: { type: "string" }, segments: { type: "string" },
    provider: { type: "string" }, model: { type: "string" }, concurrency: { type: "string" }, rpm: { type: "string" }, tpm: { type: "string" },
    "budget-usd": { type: "string" }, mode: { type: "string" }, "timeout-ms": { type: "string" }, wait: { type: "boolean" },
  },
  async run(v) {
    const num = (name: string) => (v[name] === undefined ? undefined : Number(v[name]));
    const segmentIds = typeof v.segments === "string" ? v.segments.split(",").map(Number) : undefined;
    const corpusId = typeof v.corpus === "string" ? (await getCorpus(v.corpus)).id : undefined;
    const request = {
      type: v.type, count: num("count") ?? segmentIds?.length, corpusId, seed: num("seed"), segmentIds, provider: v.provider, model: v.model,
      concurrency: num("concurrency"), rpm: num("rpm"), tpm: num("tpm"), budgetUsd: num("budget-usd"), mode: v.mode, timeoutMs: num("timeout-ms"),
    };
    let p;
    try {
      p = await prepareGeneration(request);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const estimate = await estimateGeneration(p);
    progress(describe(estimate));
    assertRunnable(p, estimate);
    if (!v.wait) {
      const id = await enqueueJob("generate", p, { total: estimate.items });
      progress(`job ${id} queued; a worker (npm start, or npx in2 worker) runs it`);
      return summary(await getJob(id));
    }
    const id = await createJobRow(p);
    const job = await runJobHere(id, line);
    await writeLine(summary(job));
    if (job.status === "failed") throw new Error(`job ${id} failed: ${job.error ?? "unknown error"}`);
    return undefined;
  },
};


function line(j: JobRow): string {
  const c = j.counters as { promptTokens?: number; completionTokens?: number; costUsd?: number };
  return `generate #${j.id} ${j.status}: ${j.done}/${j.total} done, ${j.failed} failed, ${(c.promptTokens ?? 0) + (c.completionTokens ?? 0)} tokens, $${(c.costUsd ?? 0).toFixed(4)}${j.message ? ` — ${j.message}` : ""}`;
}

function describe(e: Estimate): string {
  const usd = e.costUsd === null ? "cost unknown (model not in the price table; set IN2_PRICE_TABLE)" : `~$${e.costUsd.toFixed(4)}`;
  const short = e.short ? " (fewer eligible than requested)" : "";
  return `estimate: ${e.items} items${short}, ~${e.promptTokens} prompt + ≤${e.completionTokens} completion tokens, ${usd} — ${e.provider} · ${e.model} · ${e.mode}`;
}

function summary(j: JobRow) {
  const r = (j.result ?? {}) as { requested?: number; succeeded?: number; failed?: number; tokens?: { prompt: number; completion: number }; costUsd?: number; stopReason?: string | null };
  const c = j.counters as { succeeded?: number; promptTokens?: number; completionTokens?: number; costUsd?: number };
  return {
    job_id: j.id, status: j.status, requested: r.requested ?? j.total, succeeded: r.succeeded ?? c.succeeded ?? 0, failed: r.failed ?? j.failed,
    tokens: { prompt: r.tokens?.prompt ?? c.promptTokens ?? 0, completion: r.tokens?.completion ?? c.completionTokens ?? 0 },
    cost_usd: r.costUsd ?? c.costUsd ?? 0, stop_reason: r.stopReason ?? null, ...(j.message ? { message: j.message } : {}),
  };
}
