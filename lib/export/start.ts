import { pool } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/queue";
import { EXPORT_KIND } from "./export-job";
import { exportJobParams, type ExportRequest } from "./params";
import { exportStore } from "./store";

/**
 * Queues an export job for a worker (the UI's path); the file goes to this process's export store, so the job
 * records that store and only workers that have it receive the job (lib/export/store.ts).
 */
export async function startExport(request: ExportRequest, opts: { createdById?: number } = {}): Promise<number> {
  const params = exportJobParams.parse({ options: request });
  return enqueueJob(EXPORT_KIND, params, { createdById: opts.createdById, store: exportStore().id });
}

/**
 * An export job row without a queue message: `in2 export` runs it in its own process. Should that process die,
 * the row is `running` with a stale heartbeat and a worker's sweep takes it over (it rewrites the same file).
 */
export async function createExportJobRow(request: ExportRequest, out: string): Promise<number> {
  const params = exportJobParams.parse({ options: request, out });
  // the --out path is on this machine: a worker taking the job over must see the same disk (same store)
  const { rows } = await pool().query<{ id: number }>(`INSERT INTO job (kind, params, store) VALUES ($1, $2, $3) RETURNING id`,
    [EXPORT_KIND, JSON.stringify(params), exportStore().id]);
  return rows[0]!.id;
}
