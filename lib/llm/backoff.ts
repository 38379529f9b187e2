/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so many lanes that failed
 * together do not retry together, yet each waits at least half the exponential step.
 */
export interface BackoffOptions { baseMs: number; maxMs: number }

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000 };

export function backoffDelay(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exp = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
