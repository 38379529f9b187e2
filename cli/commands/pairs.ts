import { getCorpus } from "@/lib/corpus/corpora";
import { streamPairs } from "@/lib/pairs/stream";
import { UsageError, type Command, type Values } from "../command";
import { writeLine } from "../output";
import { remoteCorpusId } from "../remote";

const STATUSES = ["pending", "accepted", "rejected", "flagged"];
const TYPES = ["single", "multi"];

function filter(values: Values) {
  if (!values.jsonl) throw new UsageError("--jsonl is the only output format");
  const status = values.status as string | undefined;
  const type = values.type as string | undefined;
  if (status && !STATUSES.includes(status)) throw new UsageError(`--status must be one of ${STATUSES.join(", ")}`);
  if (type && !TYPES.includes(type)) throw new UsageError(`--type must be one of ${TYPES.join(", ")}`);
  const jobId = values.job ? Number(values.job) : undefined;
  if (jobId !== undefined && !Number.isInteger(jobId)) throw new UsageError("--job must be a job id");
  return { status, type, jobId };
}

export const pairsCommand: Command = {
  name: "pairs",
  summary: "stream question–answer pairs as JSON Lines on stdout",
  usage: "in2 pairs [--status pending|accepted|rejected|flagged] [--type single|multi] [--job ID] [--corpus NAME] --jsonl",
  options: { status: { type: "string" }, type: { type: "string" }, job: { type: "string" }, corpus: { type: "string" }, jsonl: { type: "boolean" } },
  async run(values) {
    const f = filter(values);
    const corpusId = typeof values.corpus === "string" ? (await getCorpus(values.corpus)).id : undefined;
    for await (const p of streamPairs({ ...f, corpusId })) await writeLine(p);
    return undefined;
  },
  async remote(remote, values) {
    const f = filter(values);
    const query = { status: f.status, type: f.type, job: f.jobId, corpusId: await remoteCorpusId(remote, values.corpus) };
    for await (const p of remote.lines("/api/pairs/jsonl", query)) await writeLine(p);
    return undefined;
  },
};
