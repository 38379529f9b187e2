import { getJob, type JobRow } from "@/lib/jobs/jobs";
import { enqueueJob } from "@/lib/jobs/queue";
import { createVerifyJobRow, VERIFY_KIND } from "@/lib/verify/job-row";
import { assertRunnable, estimateVerification, prepareVerification, type VerifyEstimate } from "@/lib/verify/start";
import type { VerifyResult } from "@/lib/verify/verify-job";
import "@/lib/jobs/kinds";
import { progress, UsageError, type Command, type Values } from "../command";
import { assertSucceeded } from "../errors";
import { followRemoteJob, type RemoteJob } from "../remote";
import { runJobHere } from "../run-here";

export const verifyCommand: Command = {
  name: "verify",
  summary: "verify pairs with a model: closed-book, evidence-only and piece-ablation checks (a background job; --wait runs it here)",
  usage: "in2 verify [--status S] [--type T] [--job ID] [--pairs ID,…] [--verdict V] [--provider openai|offline] [--endpoint NAME] [--model M] [--concurrency C] "
    + "[--rpm R] [--tpm T] [--budget-usd X] [--mode online|batch] [--timeout-ms MS] [--judge] [--wait]",
  options: {
    status: { type: "string" }, type: { type: "string" }, job: { type: "string" }, pairs: { type: "string" }, verdict: { type: "string" },
    provider: { type: "string" }, endpoint: { type: "string" }, model: { type: "string" }, concurrency: { type: "string" }, rpm: { type: "string" }, tpm: { type: "string" },
    "budget-usd": { type: "string" }, mode: { type: "string" }, "timeout-ms": { type: "string" }, judge: { type: "boolean" }, wait: { type: "boolean" },
  },
  async run(v) {
    const request = verifyRequestOf(v);
    let p;
    try {
      p = prepareVerification(request);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const estimate = await estimateVerification(p);
    progress(describe(estimate));
    assertRunnable(p, estimate);
    if (!v.wait) {
      const id = await enqueueJob(VERIFY_KIND, p, { total: estimate.pairs });
      progress(`job ${id} queued; a worker (npm start, or npx in2 worker) runs it`);
      return summary(await getJob(id));
    }
    const id = await createVerifyJobRow(p, estimate.pairs);
    const job = await runJobHere(id, line);
    const out = summary(job);
    assertSucceeded(job, out); // exit 3 when the job ended failed or cancelled, like every job command
    return out;
  },
};

/** Against IN2_URL: POST /api/verify (the Verify page's route) starts the job on the server; --wait follows it. */
verifyCommand.remote = async (remote, v) => {
  const { jobId, estimate } = await remote.post<{ jobId: number; estimate: VerifyEstimate }>("/api/verify", verifyRequestOf(v));
  progress(describe(estimate));
  if (!v.wait) {
    progress(`job ${jobId} queued on ${remote.url} — \`in2 jobs wait ${jobId}\` follows it`);
    return summary(await remote.get<JobRow>(`/api/jobs/${jobId}`));
  }
  const job = await followRemoteJob(remote, jobId, (j: RemoteJob) => line(j as unknown as JobRow));
  const out = summary(job as unknown as JobRow);
  assertSucceeded(job, out);
  return out;
};

function verifyRequestOf(v: Values) {
  const num = (name: string) => (v[name] === undefined ? undefined : Number(v[name]));
  const pairIds = typeof v.pairs === "string" ? v.pairs.split(",").map((s) => Number(s.trim())) : undefined;
  const filter: Record<string, unknown> = {};
  if (v.status !== undefined) filter.status = v.status;
  if (v.type !== undefined) filter.type = v.type;
  if (v.verdict !== undefined) filter.verdict = v.verdict;
  return {
    pairIds, jobId: num("job"), filter, provider: v.provider, endpoint: v.endpoint, model: v.model, concurrency: num("concurrency"), rpm: num("rpm"), tpm: num("tpm"),
    budgetUsd: num("budget-usd"), mode: v.mode, timeoutMs: num("timeout-ms"), judge: v.judge === true || undefined,
  };
}

function line(j: JobRow): string {
  const c = j.counters as { passed?: number; flagged?: number; promptTokens?: number; completionTokens?: number; costUsd?: number };
  return `verify #${j.id} ${j.status}: ${j.done}/${j.total} pairs, ${c.passed ?? 0} passed, ${c.flagged ?? 0} flagged, ${j.failed} failed, `
    + `${(c.promptTokens ?? 0) + (c.completionTokens ?? 0)} tokens, $${(c.costUsd ?? 0).toFixed(4)}${j.message ? ` — ${j.message}` : ""}`;
}

function describe(e: VerifyEstimate): string {
  const usd = e.costUsd === null ? "cost unknown (model not in the price table; set IN2_PRICE_TABLE)" : `~$${e.costUsd.toFixed(4)}`;
  const who = e.provider === "offline" ? `offline (not an LLM) · ${e.model}` : `${e.provider} · ${e.model} · ${e.mode}`;
  return `estimate: ${e.pairs} pairs, ${e.calls} checks, ~${e.promptTokens} prompt + ≤${e.completionTokens} completion tokens, ${usd} — ${who}`;
}

/** The one JSON line on stdout: counts per verdict, tokens, cost. */
function summary(j: JobRow) {
  const r = (j.result ?? {}) as Partial<VerifyResult>;
  const c = j.counters as { succeeded?: number; passed?: number; flagged?: number; promptTokens?: number; completionTokens?: number; costUsd?: number };
  return {
    job_id: j.id, status: j.status, requested: r.requested ?? j.total, verified: r.verified ?? c.succeeded ?? 0, failed: r.failed ?? j.failed,
    passed: r.passed ?? c.passed ?? 0, flagged: r.flagged ?? c.flagged ?? 0, checks: r.checks ?? 0, verdicts: r.verdicts ?? {},
    tokens: { prompt: r.tokens?.prompt ?? c.promptTokens ?? 0, completion: r.tokens?.completion ?? c.completionTokens ?? 0 },
    cost_usd: r.costUsd ?? c.costUsd ?? 0, stop_reason: r.stopReason ?? null, ...(j.message ? { message: j.message } : {}),
  };
}
