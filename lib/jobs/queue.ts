import PgBoss from "pg-boss";
import { databaseUrl, pool } from "@/lib/db/client";
import { jobDefinition } from "./define";

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
    // once stopping, a connection the server drops as it stops too is expected, not news
    b.on("error", (err) => { if (!stopping.has(b)) console.error("[queue]", err.message); });
    await b.start();
    await b.createQueue(JOB_QUEUE, { name: JOB_QUEUE, retryLimit: 0, expireInHours: 23 });
    return b;
  })();
  return state.boss;
}

const stopping = new WeakSet<PgBoss>();

export async function stopBoss(): Promise<void> {
  const b = state.boss;
  state.boss = undefined;
  if (!b) return;
  const started = await b;
  stopping.add(started);
  await started.stop({ graceful: false, wait: true });
}

/**
 * Creates a job row and asks a worker to run it. `store`: the export store the job needs (lib/export/store.ts);
 * the job is then delivered only to workers that have that store.
 */
export async function enqueueJob(kind: string, params: unknown, opts: { createdById?: number; total?: number; store?: string } = {}): Promise<number> {
  const { rows } = await pool().query<{ id: number }>(
    `INSERT INTO job (kind, params, total, created_by_id, store, definition_version) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    // the definition is registered when this process imported the kind; otherwise the first claim stamps it
    [kind, JSON.stringify(params ?? {}), opts.total ?? 0, opts.createdById ?? null, opts.store ?? null, jobDefinition(kind)?.version ?? null]);
  const id = rows[0]!.id;
  await dispatch(id, opts.store ?? null);
  return id;
}

/** The queue of jobs bound to one store; workers that have the store work it besides the common queue. */
export function storeQueue(store: string): string {
  return `${JOB_QUEUE}.${store}`;
}

const created = new Set<string>();
export async function ensureQueue(name: string): Promise<void> {
  if (created.has(name)) return;
  await (await boss()).createQueue(name, { name, retryLimit: 0, expireInHours: 23 });
  created.add(name);
}

/** Sends "run job N" to the job's queue: the common one, or its store's (looked up when not given). */
export async function dispatch(jobId: number, store?: string | null): Promise<void> {
  const b = await boss();
  if (store === undefined) {
    const { rows } = await pool().query<{ store: string | null }>(`SELECT store FROM job WHERE id = $1`, [jobId]);
    store = rows[0]?.store ?? null;
  }
  const queue = store ? storeQueue(store) : JOB_QUEUE;
  if (store) await ensureQueue(queue);
  await b.send(queue, { jobId }, { singletonKey: `job-${jobId}` });
}
