import fs from "node:fs";
import { progress, UsageError, type Values } from "../command";
import { assertSucceeded } from "../errors";
import { numberOption } from "../options";
import { followRemoteJob, remoteCorpusId, type Remote, type RemoteJob } from "../remote";

const KNOWN = new Set(["status", "type", "corpus", "pairs", "min-tokens", "max-tokens", "short-ratio", "seed", "eval-set", "wait"]);

/**
 * `in2 assemble` against IN2_URL: eval sets are uploaded, the job starts through POST /api/assembly (the Contexts
 * page's route) and runs on the server's workers; --wait follows it. The server validates the options.
 */
export async function assembleRemote(remote: Remote, v: Values): Promise<unknown> {
  const unknown = Object.keys(v).filter((k) => v[k] !== undefined && !KNOWN.has(k));
  if (unknown.length) throw new UsageError(`--${unknown.join(", --")} is not available against a remote server yet; run it on the server`);
  const evalFiles = Array.isArray(v["eval-set"]) ? v["eval-set"].map(String) : [];
  for (const f of evalFiles) if (!fs.existsSync(f)) throw new Error(`${f}: file not found`);
  const evalUploads = [];
  for (const f of evalFiles) {
    progress(`uploading eval set ${f} to ${remote.url}…`);
    evalUploads.push((await remote.upload(f)).id);
  }
  const { jobId, pairs } = await remote.post<{ jobId: number; pairs: number }>("/api/assembly", {
    ...assembleSelection(v, await remoteCorpusId(remote, v.corpus)), evalUploads,
  });
  progress(`assembling ${pairs} pairs on ${remote.url}: job ${jobId}`);
  if (!v.wait) return assembleSummary(await remote.get<RemoteJob>(`/api/jobs/${jobId}`));
  const job = await followRemoteJob(remote, jobId, assembleLine);
  const out = assembleSummary(job);
  assertSucceeded(job, out);
  return out;
}

/** The assembly request's selection and sizes from the options (the server, or assemblyRequest here, validates them). */
export function assembleSelection(v: Values, corpusId: number | undefined) {
  const status = v.status === undefined ? "accepted" : v.status === "any" ? undefined : v.status;
  const pairIds = typeof v.pairs === "string" ? v.pairs.split(",").map((s) => Number(s.trim())) : undefined;
  return {
    selection: { pairIds, filter: { status, type: v.type, corpusId } },
    minTokens: numberOption(v, "min-tokens"), maxTokens: numberOption(v, "max-tokens"), shortRatio: numberOption(v, "short-ratio"), seed: v.seed,
  };
}

type AssembleJob = Pick<RemoteJob, "id" | "status" | "done" | "total" | "failed" | "message" | "result">;

/** The progress line of an assembly job, here or on the server. */
export const assembleLine = (j: AssembleJob) =>
  `assemble #${j.id} ${j.status}: ${j.done}/${j.total} contexts, ${j.failed} skipped${j.message ? ` — ${j.message}` : ""}`;

export const assembleSummary = (j: AssembleJob) => ({ job_id: j.id, status: j.status, ...((j.result ?? {}) as Record<string, unknown>) });
