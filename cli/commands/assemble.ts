import path from "node:path";
import { getCorpus } from "@/lib/corpus/corpora";
import { createAssemblyJobRow, prepareAssembly, startAssembly } from "@/lib/contexts/start";
import { assemblyRequest } from "@/lib/contexts/schemas";
import { getJob } from "@/lib/jobs/jobs";
import "@/lib/jobs/kinds";
import { progress, UsageError, type Command } from "../command";
import { assertSucceeded } from "../errors";
import { runJobHere } from "../run-here";
import { assembleLine, assembleRemote, assembleSelection, assembleSummary } from "./assemble-remote";

const USAGE = "in2 assemble [--status accepted|pending|rejected|flagged|any] [--type single|multi] [--corpus NAME] [--pairs ID,ID…] "
  + "[--min-tokens 4096] [--max-tokens 32768] [--short-ratio 0.1] [--seed S] [--eval-set FILE]… [--wait]";

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
    const corpusId = typeof v.corpus === "string" ? (await getCorpus(v.corpus)).id : undefined;
    const evalFiles = Array.isArray(v["eval-set"]) ? v["eval-set"].map((f) => path.resolve(String(f))) : [];
    const parsed = assemblyRequest.safeParse({
      ...assembleSelection(v, corpusId), evalFiles,
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
      return assembleSummary(await getJob(jobId));
    }
    const job = await runJobHere(await createAssemblyJobRow(req, total), assembleLine);
    assertSucceeded(job, assembleSummary(job));
    return assembleSummary(job);
  },
  remote: assembleRemote,
};

