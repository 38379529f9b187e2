import type { z } from "zod";

/**
 * A job kind: its name, a version, a zod schema for its params and a handler. Handlers must be resumable: a job whose worker died is started again from
 * the top, so each finished step must be recorded (in its own rows) and skipped on the next run.
 */
export interface JobContext {
  jobId: number;
  workerId: string;
  /** records progress; cheap to call often (writes are throttled) */
  progress(update: { done?: number; total?: number; failed?: number; counters?: Record<string, unknown>; message?: string }): Promise<void>;
  /** true once a user asked to cancel; handlers check it between steps and return early */
  cancelled(): boolean;
  /** aborted when the job is cancelled or the worker stops */
  signal: AbortSignal;
  log(line: string): void;
}

export interface JobDefinition<P = unknown, R = unknown> {
  kind: string;
  /**
   * Bump when params or the recorded steps change incompatibly. The job row keeps the version it was enqueued
   * (or first claimed) under, so a job survives an upgrade only when the new handler says it can resume it:
   * a worker runs a job whose stored version is in [acceptsFrom, version]; an older one fails with a clear error
   * (start a new job), a newer one (enqueued by an upgraded app) is left queued for an upgraded worker.
   */
  version: number;
  /** the oldest stored version this handler can still resume (default: `version`, i.e. no older job) */
  acceptsFrom?: number;
  params: z.ZodType<P>;
  run(ctx: JobContext, params: P): Promise<R>;
}

const registry = new Map<string, JobDefinition<never, unknown>>();

export function defineJob<P, R>(def: JobDefinition<P, R>): JobDefinition<P, R> {
  registry.set(def.kind, def as unknown as JobDefinition<never, unknown>);
  return def;
}

export function jobDefinition(kind: string): JobDefinition<unknown, unknown> | undefined {
  return registry.get(kind) as JobDefinition<unknown, unknown> | undefined;
}

export function jobKinds(): string[] {
  return [...registry.keys()];
}
