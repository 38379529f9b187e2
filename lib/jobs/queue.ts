import PgBoss from "pg-boss";
import { databaseUrl, pool } from "@/lib/db/client";

/**
 * pg-boss delivers "run job N" messages between processes (the app, `in2 worker`s); the `job` table
 * stays the user-visible truth. Delivery is at-least-once: the runner's lease makes a duplicate a no-op.
 */
export const JOB_QUEUE = "in2-job";

interface BossGlobals { boss?: Promise<PgBoss> }
const g = globalThis as typeof globalThis & { __in2boss?: BossGlobals };
const state: BossGlobals = (g.__in2boss ??= {});

export function boss(): Promise<PgBoss> {
  state.boss ??= (async () => {
    const b = new PgBoss({ connectionString: databaseUrl(), max: 4, schedule: false, supervise: true });
    b.on("error", (err) => console.error("[queue]", err.message));
    await b.start();
    await b.createQueue(JOB_QUEUE, { name: JOB_QUEUE, retryLimit: 0, expireInHours: 23 });
    return b;
  })();
  return state.boss;
}

export async function stopBoss(): Promise<void> {
  const b = state.boss;
  state.boss = undefined;
  if (b) await (await b).stop({ graceful: false, wait: true });
}

/** Creates a job row and asks a worker to run it. */
export async function enqueueJob(kind: string, params: unknown, opts: { createdById?: number; total?: number } = {}): Promise<number> {
  const { rows } = await pool().query<{ id: number }>(
    `INSERT INTO job (kind, params, total, created_by_id) VALUES ($1, $2, $3, $4) RETURNING id`,
    [kind, JSON.stringify(params ?? {}), opts.total ?? 0, opts.createdById ?? null]);
  const id = rows[0]!.id;
  await dispatch(id);
  return id;
}

export async function dispatch(jobId: number): Promise<void> {
  const b = await boss();
  await b.send(JOB_QUEUE, { jobId }, { singletonKey: `job-${jobId}` });
}
