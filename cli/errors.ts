/**
 * The exit codes of `in2` (documented in the README): 0 done; 1 failed (an error, a server that refused or could
 * not be reached); 2 usage (bad or missing options, or a command that cannot run against IN2_URL); 3 the job the
 * command ran or waited for ended failed or cancelled (its JSON is still printed on stdout).
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, jobEnded: 3 } as const;

export class UsageError extends Error {}

/** A job ended failed or cancelled: `result` is still printed on stdout, and the exit code is 3. */
export class JobEndedError extends Error {
  constructor(message: string, readonly result: unknown) {
    super(message);
  }
}

/** Throws JobEndedError unless the job succeeded. */
export function assertSucceeded(job: { id: number; kind?: string; status: string; error: string | null; message?: string | null }, result: unknown): void {
  if (job.status === "succeeded") return;
  const why = job.error ?? job.message;
  throw new JobEndedError(`${job.kind ?? "job"} #${job.id} ended ${job.status}${why ? `: ${why}` : ""}`, result);
}
