import { getCorpus } from "@/lib/corpus/corpora";
import { estimateGeneration, type Estimate } from "@/lib/generate/estimate";
import { createJobRow } from "@/lib/generate/job-row";
import { raiseBudgetAndResume } from "@/lib/generate/resume";
import { assertRunnable, prepareGeneration } from "@/lib/generate/start";
import { getJob, resumeJob, type JobRow } from "@/lib/jobs/jobs";
import { enqueueJob } from "@/lib/jobs/queue";
import "@/lib/jobs/kinds";
import { progress, UsageError, type Command, type Values } from "../command";
import { assertSucceeded } from "../errors";
import { followRemoteJob, remoteCorpusId, type Remote, type RemoteJob } from "../remote";
import { runJobHere } from "../run-here";
import { readPromptFile } from "@/lib/prompts/file";
import { savePromptVersion } from "@/lib/prompts/versions";

export const generateCommand: Command = {
  name: "generate",
  summary: "generate question–answer pairs (a background job; --wait runs it here); --resume continues a stopped job",
  usage: "in2 generate --type single|multi --count N [--corpus NAME] [--seed S] [--segments ID,ID…] [--provider openai|offline] [--model M] [--endpoint NAME] "
    + "[--max-pieces 8] [--concurrency C] [--rpm R] [--tpm T] [--budget-usd X] [--mode online|batch] [--timeout-ms MS] "
    + "[--prompt FILE | --prompt-version V] [--wait]\n"
    + "       in2 generate --resume JOB [--budget-usd X] [--wait]   (a failed or cancelled job, e.g. stopped at its budget)",
  options: {
    type: { type: "string" }, count: { type: "string" }, corpus: { type: "string" }, seed: { type: "string" }, segments: { type: "string" },
    provider: { type: "string" }, model: { type: "string" }, endpoint: { type: "string" }, concurrency: { type: "string" }, rpm: { type: "string" }, tpm: { type: "string" },
    "budget-usd": { type: "string" }, mode: { type: "string" }, "timeout-ms": { type: "string" }, wait: { type: "boolean" }, resume: { type: "string" },
    "max-pieces": { type: "string" }, prompt: { type: "string" }, "prompt-version": { type: "string" },
  },
  async run(v) {
    if (v.resume !== undefined) {
      const { id, budgetUsd } = resumeArgs(v);
      const kind = (await getJob(id)).kind;
      if (kind !== "generate") throw new UsageError(`job ${id} is a${/^[aeiou]/.test(kind) ? "n" : ""} ${kind} job, not a generation job (in2 jobs resume ${id} resumes any job)`);
      await (budgetUsd === undefined ? resumeJob(id) : raiseBudgetAndResume(id, budgetUsd));
      return finish(await (v.wait ? runJobHere(id, line) : queued(id)), Boolean(v.wait));
    }
    const corpusId = typeof v.corpus === "string" ? (await getCorpus(v.corpus)).id : undefined;
    if (typeof v.prompt === "string") v["prompt-version"] = (await savePromptVersion(promptFile(v), null)).version;
    let p;
    try {
      p = await prepareGeneration(request(v, corpusId));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const estimate = await estimateGeneration(p);
    progress(describe(estimate));
    assertRunnable(p, estimate);
    if (!v.wait) return finish(await queued(await enqueueJob("generate", p, { total: estimate.items })), false);
    return finish(await runJobHere(await createJobRow(p), line), true);
  },
  /** Against IN2_URL the server's workers run the job; --wait follows it. */
  async remote(remote, v) {
    if (v.resume !== undefined) {
      const { id, budgetUsd } = resumeArgs(v);
      const job = await remote.get<RemoteJob>(`/api/jobs/${id}`);
      if (job.kind !== "generate") throw new UsageError(`job ${id} is a ${job.kind} job, not a generation job (in2 jobs resume ${id} resumes any job)`);
      await (budgetUsd === undefined ? remote.post(`/api/jobs/${id}/resume`) : remote.post(`/api/generate/${id}/budget`, { budgetUsd }));
      return finishRemote(remote, id, Boolean(v.wait));
    }
    if (typeof v.prompt === "string") v["prompt-version"] = (await remote.post<{ version: string }>("/api/prompts", promptFile(v))).version;
    const { jobId, estimate } = await remote.post<{ jobId: number; estimate: Estimate }>("/api/generate", request(v, await remoteCorpusId(remote, v.corpus)));
    progress(describe(estimate));
    return finishRemote(remote, jobId, Boolean(v.wait));
  },
};

function request(v: Values, corpusId: number | undefined) {
  const num = (name: string) => (v[name] === undefined ? undefined : Number(v[name]));
  const segmentIds = typeof v.segments === "string" ? v.segments.split(",").map(Number) : undefined;
  return {
    type: v.type, count: num("count") ?? segmentIds?.length, corpusId, seed: num("seed"), segmentIds, provider: v.provider, model: v.model,
    endpoint: typeof v.endpoint === "string" ? v.endpoint : undefined,
    concurrency: num("concurrency"), rpm: num("rpm"), tpm: num("tpm"), budgetUsd: num("budget-usd"), mode: v.mode, timeoutMs: num("timeout-ms"),
    maxPieces: num("max-pieces"), promptVersion: typeof v["prompt-version"] === "string" ? v["prompt-version"] : undefined,
  };
}

/** `--prompt FILE`: saved as a prompt-lab version (the same file twice is the same version), then used by name. */
function promptFile(v: Values) {
  if (v.type !== "single" && v.type !== "multi") throw new UsageError("--prompt needs --type single|multi");
  try {
    const body = readPromptFile(String(v.prompt), v.type);
    progress(`prompt ${body.name} from ${String(v.prompt)}`);
    return body;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function resumeArgs(v: Values): { id: number; budgetUsd: number | undefined } {
  const id = Number(v.resume);
  if (!Number.isInteger(id) || id < 1) throw new UsageError("--resume takes the id of a stopped generation job");
  const other = ["type", "count", "corpus", "seed", "segments", "provider", "model", "mode"].filter((k) => v[k] !== undefined);
  if (other.length) throw new UsageError(`--resume continues the job as it was created; drop --${other.join(", --")}`);
  const budgetUsd = v["budget-usd"] === undefined ? undefined : Number(v["budget-usd"]);
  if (budgetUsd !== undefined && !(budgetUsd > 0)) throw new UsageError("--budget-usd must be a positive number");
  return { id, budgetUsd };
}

async function queued(id: number): Promise<JobRow> {
  progress(`job ${id} queued; a worker (npm start, or npx in2 worker) runs it — \`in2 jobs wait ${id}\` follows it`);
  return getJob(id);
}

function finish(job: JobRow | RemoteJob, waited: boolean) {
  const out = summary(job);
  if (waited) assertSucceeded(job, out);
  return out;
}

async function finishRemote(remote: Remote, id: number, wait: boolean) {
  if (!wait) {
    progress(`job ${id} queued on ${remote.url} — \`in2 jobs wait ${id}\` follows it`);
    return finish(await remote.get<RemoteJob>(`/api/jobs/${id}`), false);
  }
  return finish(await followRemoteJob(remote, id, line), true);
}

function line(j: JobRow | RemoteJob): string {
  const c = j.counters as { promptTokens?: number; completionTokens?: number; costUsd?: number };
  return `generate #${j.id} ${j.status}: ${j.done}/${j.total} done, ${j.failed} failed, ${(c.promptTokens ?? 0) + (c.completionTokens ?? 0)} tokens, $${(c.costUsd ?? 0).toFixed(4)}${j.message ? ` — ${j.message}` : ""}`;
}

function describe(e: Estimate): string {
  const usd = e.costUsd === null ? "cost unknown (model not in the price table; set IN2_PRICE_TABLE)" : `~$${e.costUsd.toFixed(4)}`;
  const short = e.short ? " (fewer eligible than requested)" : "";
  return `estimate: ${e.items} items${short}, ~${e.promptTokens} prompt + ≤${e.completionTokens} completion tokens, ${usd} — ${e.provider} · ${e.model} · ${e.mode}`;
}

function summary(j: JobRow | RemoteJob) {
  const r = (j.result ?? {}) as { requested?: number; succeeded?: number; failed?: number; tokens?: { prompt: number; completion: number }; costUsd?: number; stopReason?: string | null };
  const c = j.counters as { succeeded?: number; promptTokens?: number; completionTokens?: number; costUsd?: number };
  return {
    job_id: j.id, status: j.status, requested: r.requested ?? j.total, succeeded: r.succeeded ?? c.succeeded ?? 0, failed: r.failed ?? j.failed,
    tokens: { prompt: r.tokens?.prompt ?? c.promptTokens ?? 0, completion: r.tokens?.completion ?? c.completionTokens ?? 0 },
    cost_usd: r.costUsd ?? c.costUsd ?? 0, stop_reason: r.stopReason ?? null, ...(j.message ? { message: j.message } : {}),
  };
}
