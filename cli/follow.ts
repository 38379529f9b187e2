/**
 * Following a job until it ends, locally (getJob) or on a server (GET /api/jobs/:id): a progress line on stderr
 * once a second with the rate and an ETA. Independent of where the job comes from, so both paths print the same.
 */
export interface FollowedJob {
  id: number; kind: string; status: string; done: number; total: number; failed: number; message: string | null;
}

export const ACTIVE_STATUSES = ["queued", "running", "cancelling"];
const QUEUED_HINT_MS = 15_000;

export async function followJob<J extends FollowedJob>(
  get: (id: number) => Promise<J>, id: number, label: ((j: J) => string) | undefined, log: (line: string) => void, everyMs = 1000,
): Promise<J> {
  const started = Date.now();
  let first: { at: number; done: number } | undefined;
  let last = "";
  let hinted = false;
  for (;;) {
    const job = await get(id);
    if (job.status === "running" && !first) first = { at: Date.now(), done: job.done };
    const line = label ? label(job) : jobLine(job, first);
    if (line !== last) log(line);
    last = line;
    if (!ACTIVE_STATUSES.includes(job.status)) return job;
    if (job.status === "queued" && !hinted && Date.now() - started > QUEUED_HINT_MS) {
      hinted = true;
      log(`${job.kind} #${job.id} is still queued: no worker has taken it yet (npm start runs one, or npx in2 worker)`);
    }
    await new Promise((r) => setTimeout(r, Math.min(everyMs, 250 + (Date.now() - started) / 4)));
  }
}

/** `generate #12 running: 40/100 (40.0%), 2 failed, 3.1/s, ETA 19 s — message` */
export function jobLine(j: FollowedJob, since?: { at: number; done: number }): string {
  const pct = j.total ? ` (${((100 * j.done) / j.total).toFixed(1)}%)` : "";
  let rate = "";
  if (since && j.status === "running") {
    const secs = (Date.now() - since.at) / 1000;
    const perSec = secs > 0.5 ? (j.done - since.done) / secs : 0;
    if (perSec > 0) {
      rate = `, ${perSec.toFixed(1)}/s`;
      if (j.total > j.done) rate += `, ETA ${formatSeconds((j.total - j.done) / perSec)}`;
    }
  }
  return `${j.kind} #${j.id} ${j.status}: ${j.done}/${j.total}${pct}${j.failed ? `, ${j.failed} failed` : ""}${rate}${j.message ? ` — ${j.message}` : ""}`;
}

function formatSeconds(s: number): string {
  if (s < 90) return `${Math.ceil(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
