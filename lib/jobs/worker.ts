import crypto from "node:crypto";
import os from "node:os";
import { pool } from "@/lib/db/client";
import "./kinds";
import { exportStore } from "@/lib/export/store";
import { boss, dispatch, ensureQueue, JOB_QUEUE, storeQueue } from "./queue";
import { LEASE_SECONDS, runJob } from "./runner";

export interface Worker { id: string; stop(): Promise<void> }

/**
 * Runs queued jobs until stopped. Several workers (processes or machines on the same database) share the
 * queue. Every worker also sweeps: a running job whose heartbeat is older than the lease belongs to a
 * dead worker and is dispatched again, so the handler resumes it from its recorded steps.
 */
export async function startWorker(opts: { concurrency?: number; log?: (l: string) => void } = {}): Promise<Worker> {
  const id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const log = opts.log ?? (() => {});
  const b = await boss();
  const workIds: string[] = [];
  // the common queue (up to `concurrency` jobs at once), and one more for jobs bound to this worker's export store
  // (lib/export/store.ts): exports that only a worker seeing that directory can write
  const mine = storeQueue(exportStore().id);
  await ensureQueue(mine);
  for (const [queue, n] of [[JOB_QUEUE, opts.concurrency ?? 2], [mine, 1]] as const) {
    for (let i = 0; i < n; i++) {
      workIds.push(await b.work<{ jobId: number }>(queue, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
        if (!job) return;
        const outcome = await runJob(job.data.jobId, id, log);
        if (outcome.status !== "skipped") log(`job ${job.data.jobId} ${outcome.status}${outcome.error ? `: ${outcome.error}` : ""}`);
      }));
    }
  }
  const sweep = async () => {
    const { rows } = await pool().query<{ id: number; status: string; store: string | null }>(
      `UPDATE job SET locked_by = NULL,
         status = CASE WHEN status = 'cancelling' THEN 'cancelled'::"JobStatus" ELSE status END,
         finished_at = CASE WHEN status = 'cancelling' THEN now() ELSE finished_at END
       WHERE (status IN ('running', 'cancelling') AND heartbeat_at < now() - make_interval(secs => $1))
          OR (status = 'queued' AND created_at < now() - make_interval(secs => $1) AND locked_by IS NULL)
       RETURNING id, status, store`, [LEASE_SECONDS]);
    // an upload whose request died midway never completes: its rows are garbage after a day
    await pool().query(`DELETE FROM upload WHERE NOT complete AND created_at < now() - interval '1 day'`);
    for (const r of rows) {
      if (r.status === "cancelled") continue;
      log(`job ${r.id}: its worker stopped answering; dispatching it again`);
      await dispatch(r.id, r.store);
    }
  };
  await sweep().catch((e: Error) => log(`sweep failed: ${e.message}`));
  const timer = setInterval(() => { sweep().catch((e: Error) => log(`sweep failed: ${e.message}`)); }, (LEASE_SECONDS * 1000) / 2);
  return {
    id,
    async stop() {
      clearInterval(timer);
      for (const w of workIds) await b.offWork(w).catch(() => {});
    },
  };
}
