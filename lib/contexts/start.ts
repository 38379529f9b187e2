import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/queue";
import { ASSEMBLE_KIND, type AssemblyRequest } from "./schemas";
import { countSelection } from "./selection";

/** Checks a request and its selection; returns how many pairs it selects. */
export async function prepareAssembly(req: AssemblyRequest): Promise<number> {
  const n = await countSelection(req.selection);
  if (n === 0) throw new AppError("bad_request", "no pairs match this selection — accept some pairs in Review first, or widen the filter");
  return n;
}

/** Queues an assemble job for a worker (the UI, and the CLI without --wait). */
export async function startAssembly(req: AssemblyRequest, createdById?: number): Promise<{ jobId: number; pairs: number }> {
  const pairs = await prepareAssembly(req);
  return { jobId: await enqueueJob(ASSEMBLE_KIND, req, { total: pairs, createdById }), pairs };
}

/** A job row that this process will run itself (the CLI's --wait), not dispatched to workers. */
export async function createAssemblyJobRow(req: AssemblyRequest, total: number): Promise<number> {
  const { rows } = await pool().query<{ id: number }>(
    `INSERT INTO job (kind, params, total) VALUES ($1, $2, $3) RETURNING id`, [ASSEMBLE_KIND, JSON.stringify(req), total]);
  return rows[0]!.id;
}
