import path from "node:path";
import { getCorpus } from "@/lib/corpus/corpora";
import { createAssemblyJobRow, prepareAssembly, startAssembly } from "@/lib/contexts/start";
import { assemblyRequest } from "@/lib/contexts/schemas";
import { getJob, type JobRow } from "@/lib/jobs/jobs";
import "@/lib/jobs/kinds";
import { progress, UsageError, type Command } from "../command";
import { assertSucceeded } from "../errors";
import { runJobHere } from "../run-here";
import { assembleRemote } from "./assemble-remote";

const USAGE = "in2 assemble [--status accepted|pending|rejected|flagged|any] [--type single|multi] [--corpus NAME] [--pairs ID,ID…] "
  + "[--min-tokens 4096] [--max-tokens 32768] [--short-ratio 0.1] [--seed S] [--eval-set FILE]… [--wait]";

const num = (v: unknown, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number`);
  return n;
};

export const assembleCommand: Command = {
  name: "assemble",
  summary: "assemble IN2 long contexts for pairs (a background job; --wait runs it here)",
  usage: USAGE,
  options: {
    status: { type: "string" }, type: { type: "string" }, corpus: { type: "string" }, pairs: { type: "string" },
    "min-tokens": { type: "string" }, "max-tokens": { type: "string" }, "short-ratio": { type: "string" }, seed: { type: "string" },
    "eval-set": { type: "string", multiple: true }, wait: { type: "boolean" },
  },
  async run(v) {
    const status = v.status === undefined ? "accepted" : v.status === "any" ? undefined : v.status;
    const corpusId = typeof v.corpus === "string" ? (await getCorpus(v.corpus)).id : undefined;
    const pairIds = typeof v.pairs === "string" ? v.pairs.split(",").map((s) => Number(s.trim())) : undefined;
    const evalFiles = Array.isArray(v["eval-set"]) ? v["eval-set"].map((f) => path.resolve(String(f))) : [];
    const parsed = assemblyRequest.safeParse({
      selection: { pairIds, filter: { status, type: v.type, corpusId } },
      minTokens: num(v["min-tokens"], "min-tokens"), maxTokens: num(v["max-tokens"], "max-tokens"),
      shortRatio: num(v["short-ratio"], "short-ratio"), seed: v.seed, evalFiles,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(`${issue?.path.join(".") || "options"}: ${issue?.message}`);
    }
    const req = parsed.data;
    let total: number;
    try {
      total = await prepareAssembly(req);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    progress(`assembling ${total} pairs: ${req.minTokens}–${req.maxTokens} tokens, short ratio ${req.shortRatio}, seed ${req.seed}`);
    if (!v.wait) {
      const { jobId } = await startAssembly(req);
      progress(`job ${jobId} queued; a worker (npm start, or npx in2 worker) runs it`);
      return summary(await getJob(jobId));
    }
    const job = await runJobHere(await createAssemblyJobRow(req, total), line);
    assertSucceeded(job, summary(job));
    return summary(job);
  },
  remote: assembleRemote,
};


function line(j: JobRow): string {
  return `assemble #${j.id} ${j.status}: ${j.done}/${j.total} contexts, ${j.failed} skipped${j.message ? ` — ${j.message}` : ""}`;
}

function summary(j: JobRow) {
  const r = (j.result ?? {}) as Record<string, unknown>;
  return { job_id: j.id, status: j.status, ...r };
}
