import { JOB_STATUSES } from "@/lib/api/schemas";
import { listJobEvents, type JobEvent } from "@/lib/jobs/events";
import { cancelJob, getJob, listJobs, resumeJob, type JobRow } from "@/lib/jobs/jobs";
import { retryFailedItems } from "@/lib/generate/items";
import { listItems, type ItemListRow } from "@/lib/generate/item-list";
import { assertSucceeded, UsageError } from "../errors";
import { followJob } from "../follow";
import { numberArg, wholeOption } from "../options";
import { progress } from "../output";
import type { Remote } from "../remote";
import type { Command, Values } from "../command";

const USAGE = `in2 jobs list [--kind import|generate|assemble|export|probe-run] [--status ${JOB_STATUSES.join("|")}] [--limit 50] [--before ID]
       in2 jobs show ID
       in2 jobs wait ID          (progress on stderr until the job ends; its JSON on stdout; exit 3 if it failed or was cancelled)
       in2 jobs cancel ID
       in2 jobs retry ID         (a generation job's failed items)
       in2 jobs resume ID        (a failed or cancelled job continues from its finished steps)
       in2 jobs logs ID [--limit 100]   (status history, error, and the failed items with their reasons)`;

type Page<T> = { next: number | null } & T;

/** What the jobs command needs, answered by the database here or by the REST API of IN2_URL. */
interface JobsBackend {
  list(q: { kind?: string; status?: string; limit?: number; before?: number }): Promise<JobRow[]>;
  get(id: number): Promise<JobRow>;
  cancel(id: number): Promise<JobRow>;
  retry(id: number): Promise<{ retried: number }>;
  resume(id: number): Promise<JobRow>;
  events(id: number, after?: number): Promise<Page<{ events: JobEvent[] }>>;
  failedItems(id: number, limit: number): Promise<Page<{ items: ItemListRow[] }>>;
}

const local: JobsBackend = {
  list: (q) => listJobs(q),
  get: getJob,
  cancel: cancelJob,
  retry: async (id) => ({ retried: await retryFailedItems(id) }),
  resume: resumeJob,
  events: (id, after) => listJobEvents(id, { after }),
  failedItems: (id, limit) => listItems(id, { status: "failed", limit }),
};

function remoteBackend(r: Remote): JobsBackend {
  return {
    list: async (q) => (await r.get<{ jobs: JobRow[] }>("/api/jobs", q)).jobs,
    get: (id) => r.get(`/api/jobs/${id}`),
    cancel: (id) => r.post(`/api/jobs/${id}/cancel`),
    retry: (id) => r.post(`/api/jobs/${id}/items/retry`),
    resume: (id) => r.post(`/api/jobs/${id}/resume`),
    events: (id, after) => r.get(`/api/jobs/${id}/events`, { after }),
    failedItems: (id, limit) => r.get(`/api/jobs/${id}/items`, { status: "failed", limit }),
  };
}

export const jobsCommand: Command = {
  name: "jobs",
  summary: "list, show, wait for, cancel, retry, resume background jobs, and read their logs",
  usage: USAGE,
  options: { kind: { type: "string" }, status: { type: "string" }, limit: { type: "string" }, before: { type: "string" } },
  run: (v, pos) => jobs(local, v, pos),
  remote: (r, v, pos) => jobs(remoteBackend(r), v, pos),
};

async function jobs(api: JobsBackend, v: Values, pos: string[]): Promise<unknown> {
  const [sub, idArg, ...extra] = pos;
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
  if (sub === "list") {
    if (idArg) throw new UsageError("list takes no job id (use `in2 jobs show ID`)");
    const status = v.status as string | undefined;
    if (status !== undefined && !(JOB_STATUSES as readonly string[]).includes(status)) {
      throw new UsageError(`--status must be one of ${JOB_STATUSES.join(", ")}`);
    }
    const limit = wholeOption(v, "limit") ?? 50;
    if (limit < 1 || limit > 200) throw new UsageError("--limit must be between 1 and 200");
    const rows = await api.list({ kind: v.kind as string | undefined, status, limit, before: wholeOption(v, "before") });
    return { jobs: rows.map(brief), next_before: rows.length === limit ? rows[rows.length - 1]!.id : null };
  }
  if (!sub) throw new UsageError("name a subcommand: list, show, wait, cancel, retry, resume or logs");
  if (!["show", "wait", "cancel", "retry", "resume", "logs"].includes(sub)) throw new UsageError(`unknown subcommand "${sub}"`);
  const id = numberArg(idArg, "the job id", { whole: true });
  if (id === undefined || id < 1) throw new UsageError(`${sub} needs a job id: in2 jobs ${sub} ID`);
  switch (sub) {
    case "show": return api.get(id);
    case "cancel": {
      const job = await api.cancel(id);
      progress(job.status === "cancelling" ? `job ${id} is stopping; \`in2 jobs wait ${id}\` follows it` : `job ${id} is ${job.status}`);
      return job;
    }
    case "retry": {
      const { retried } = await api.retry(id);
      progress(`job ${id}: ${retried} failed item${retried === 1 ? "" : "s"} queued again; \`in2 jobs wait ${id}\` follows it`);
      return { job_id: id, retried };
    }
    case "resume": {
      const job = await api.resume(id);
      progress(`job ${id} queued again; it skips the steps it already finished`);
      return job;
    }
    case "wait": {
      const job = await followJob((jobId) => api.get(jobId), id, undefined, progress);
      assertSucceeded(job, job);
      return job;
    }
    default: return logs(api, id, wholeOption(v, "limit") ?? 100);
  }
}

/** The history (every status change), the error, and what failed with its reason. */
async function logs(api: JobsBackend, id: number, limit: number) {
  const job = await api.get(id);
  const events: JobEvent[] = [];
  for (let after: number | undefined; ;) {
    const page = await api.events(id, after);
    events.push(...page.events);
    if (page.next === null) break;
    after = page.next;
  }
  for (const e of events) progress(`${e.at}  ${e.status}${e.message ? `  ${e.message}` : ""}${e.error ? `  error: ${e.error}` : ""}`);
  const out: Record<string, unknown> = {
    job: { id: job.id, kind: job.kind, status: job.status, error: job.error, message: job.message },
    events: events.map((e) => ({ at: e.at, status: e.status, message: e.message, error: e.error })),
  };
  if (job.kind === "generate") {
    const page = await api.failedItems(id, Math.min(Math.max(limit, 1), 200));
    out.failed_items = page.items.map((i) => ({
      item: i.id, type: i.type, segment_ids: i.segmentIds, attempts: i.attempts, error: i.error, raw_response: i.rawResponse,
    }));
    out.failed_items_more = page.next !== null;
    for (const i of page.items) progress(`item ${i.id} [${i.segmentIds.join(",")}] failed after ${i.attempts} attempts: ${i.error ?? "no reason recorded"}`);
  }
  // other kinds keep what they skipped in their result or counters (import: bad lines; assemble: failures by code)
  const r = { ...job.counters, ...(job.result && typeof job.result === "object" ? job.result : {}) } as Record<string, unknown>;
  for (const key of ["skipped", "recentSkips", "failuresByCode"]) if (r[key] !== undefined && !(key === "skipped" && typeof r[key] === "number")) out[key] = r[key];
  return out;
}

function brief(j: JobRow) {
  return {
    id: j.id, kind: j.kind, status: j.status, done: j.done, total: j.total, failed: j.failed, message: j.message, error: j.error,
    createdAt: j.createdAt, finishedAt: j.finishedAt,
  };
}


