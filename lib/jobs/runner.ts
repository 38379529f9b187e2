import { pool } from "@/lib/db/client";
import { jobDefinition, type JobContext } from "./define";

/** A worker that has not written a heartbeat for this long is considered dead and its job is taken over. */
export const LEASE_SECONDS = Number(process.env.IN2_JOB_LEASE_SECONDS ?? 30);
const HEARTBEAT_MS = Math.max(1000, (LEASE_SECONDS * 1000) / 4);
const PROGRESS_WRITE_MS = 500;

export interface RunOutcome { status: "succeeded" | "failed" | "cancelled" | "skipped"; error?: string }

/**
 * Claims job `jobId` (unless a live worker holds it) and runs its handler to the end, recording status,
 * heartbeat, progress, result or error on the job row.
 */
export async function runJob(jobId: number, workerId: string, log: (l: string) => void = () => {}): Promise<RunOutcome> {
  const head = (await pool().query<{ kind: string; definition_version: number | null }>(
    `SELECT kind, definition_version FROM job WHERE id = $1`, [jobId])).rows[0];
  if (!head) return { status: "skipped" };
  const def = jobDefinition(head.kind);
  // Enqueued by an upgraded app: leave it queued (the sweep dispatches it again) for a worker that knows the version.
  if (def && head.definition_version !== null && head.definition_version > def.version) {
    log(`job ${jobId}: ${head.kind} version ${head.definition_version} is newer than this worker's (${def.version}); left for an upgraded worker`);
    return { status: "skipped" };
  }
  const { rows } = await pool().query<{ kind: string; params: unknown; status: string; definition_version: number | null }>(
    `UPDATE job SET status = 'running', locked_by = $2, heartbeat_at = now(), started_at = coalesce(started_at, now()),
       error = NULL, finished_at = NULL, definition_version = coalesce(definition_version, $4)
     WHERE id = $1 AND status IN ('queued', 'running')
       AND (locked_by IS NULL OR locked_by = $2 OR heartbeat_at < now() - make_interval(secs => $3))
       AND ($4::int IS NULL OR coalesce(definition_version, 0) <= $4)
     RETURNING kind, params, status, definition_version`, [jobId, workerId, LEASE_SECONDS, def?.version ?? null]);
  const claimed = rows[0];
  if (!claimed) return { status: "skipped" };
  if (!def) return finish(jobId, workerId, "failed", null, `no handler for job kind "${claimed.kind}" in this worker`);
  const stored = claimed.definition_version ?? def.version;
  const oldest = def.acceptsFrom ?? def.version;
  if (stored < oldest) {
    return finish(jobId, workerId, "failed", null,
      `this ${def.kind} job was started by version ${stored} of its definition; this worker runs version ${def.version}, ` +
      `which resumes versions ${oldest}–${def.version} only (its recorded steps changed). Start a new ${def.kind} job.`);
  }
  const parsed = def.params.safeParse(claimed.params);
  if (!parsed.success) return finish(jobId, workerId, "failed", null, `invalid params: ${parsed.error.message}`);

  const abort = new AbortController();
  let cancelled = false;
  let pending: Record<string, unknown> = {};
  let lastWrite = 0;
  const flush = async () => {
    const p = pending;
    pending = {};
    lastWrite = Date.now();
    const { rows: r } = await pool().query<{ status: string }>(
      `UPDATE job SET heartbeat_at = now(),
         done = coalesce($2, done), total = coalesce($3, total), failed = coalesce($4, failed),
         counters = counters || coalesce($5::jsonb, '{}'), message = coalesce($6, message)
       WHERE id = $1 AND locked_by = $7 RETURNING status`,
      [jobId, p.done ?? null, p.total ?? null, p.failed ?? null, p.counters ? JSON.stringify(p.counters) : null,
        p.message ?? null, workerId]);
    // lost the lease (another worker took over) or a user asked to cancel: stop working
    if (!r[0] || r[0].status === "cancelling") {
      cancelled = true;
      abort.abort();
    }
  };
  const beat = setInterval(() => { flush().catch(() => {}); }, HEARTBEAT_MS);
  const ctx: JobContext = {
    jobId,
    workerId,
    signal: abort.signal,
    cancelled: () => cancelled,
    log,
    async progress(update) {
      pending = { ...pending, ...update, counters: { ...(pending.counters as object), ...update.counters } };
      if (Date.now() - lastWrite >= PROGRESS_WRITE_MS) await flush();
    },
  };
  try {
    const result = await def.run(ctx, parsed.data);
    await flush();
    if (cancelled) return finish(jobId, workerId, "cancelled", result ?? null, null);
    return finish(jobId, workerId, "succeeded", result ?? null, null);
  } catch (err) {
    await flush().catch(() => {});
    if (cancelled) return finish(jobId, workerId, "cancelled", null, null);
    return finish(jobId, workerId, "failed", null, (err as Error).message ?? String(err));
  } finally {
    clearInterval(beat);
  }
}

async function finish(jobId: number, workerId: string, status: RunOutcome["status"], result: unknown, error: string | null): Promise<RunOutcome> {
  await pool().query(
    `UPDATE job SET status = $3::"JobStatus", result = coalesce($4::jsonb, result), error = $5, finished_at = now(), locked_by = NULL
     WHERE id = $1 AND (locked_by = $2 OR locked_by IS NULL)`,
    [jobId, workerId, status, result === null ? null : JSON.stringify(result), error]);
  return { status, ...(error ? { error } : {}) };
}
