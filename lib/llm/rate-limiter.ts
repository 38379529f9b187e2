/**
 * Requests-per-minute and tokens-per-minute limits as two token buckets that refill continuously, plus a
 * shared pause: when the server answers 429 with Retry-After, every lane waits, not just the one that
 * was refused (the limit is the account's, not the request's).
 */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const t = setTimeout(() => { signal?.removeEventListener("abort", onAbort); resolve(); }, Math.max(0, ms));
    const onAbort = () => { clearTimeout(t); reject(abortError()); };
    signal?.addEventListener("abort", onAbort, { once: true });
  }),
};

export function abortError(): Error {
  const e = new Error("aborted");
  e.name = "AbortError";
  return e;
}

class Bucket {
  private level: number;
  private last: number;
  constructor(readonly perMinute: number, readonly capacity: number, private readonly clock: Clock) {
    this.level = capacity;
    this.last = clock.now();
  }
  private refill(): void {
    const now = this.clock.now();
    this.level = Math.min(this.capacity, this.level + ((now - this.last) * this.perMinute) / 60_000);
    this.last = now;
  }
  /** ms until `amount` is available (0 = take it now) */
  waitFor(amount: number): number {
    this.refill();
    const need = Math.min(amount, this.capacity) - this.level;
    return need <= 0 ? 0 : Math.ceil((need * 60_000) / this.perMinute);
  }
  take(amount: number): void {
    this.refill();
    this.level -= amount;
  }
  /** gives back an over-reservation (or takes more when usage exceeded the estimate) */
  adjust(delta: number): void {
    this.refill();
    this.level = Math.min(this.capacity, this.level + delta);
  }
}

export interface RateLimits { rpm?: number; tpm?: number }

export class RateLimiter {
  private readonly requests?: Bucket;
  private readonly tokens?: Bucket;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(limits: RateLimits, private readonly clock: Clock = realClock) {
    // Burst capacity of ~10 s of quota: a full minute's burst at once is what providers punish.
    if (limits.rpm) this.requests = new Bucket(limits.rpm, Math.max(1, Math.ceil(limits.rpm / 6)), clock);
    if (limits.tpm) this.tokens = new Bucket(limits.tpm, Math.max(1, Math.ceil(limits.tpm / 6)), clock);
  }

  /** Waits until one request of about `tokens` tokens may start. Callers are served in arrival order. */
  acquire(tokens: number, signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitTurn(tokens, signal));
    this.queue = turn.catch(() => {});
    return turn;
  }

  private async waitTurn(tokens: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = Math.max(this.pausedUntil - this.clock.now(), this.requests?.waitFor(1) ?? 0, this.tokens?.waitFor(tokens) ?? 0);
      if (wait <= 0) break;
      await this.clock.sleep(wait, signal);
    }
    this.requests?.take(1);
    this.tokens?.take(tokens);
  }

  /** Corrects the token bucket once the real usage is known. */
  settle(reserved: number, used: number): void {
    this.tokens?.adjust(reserved - used);
  }

  /** Every lane waits at least until `ms` from now (a 429's Retry-After). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  pausedFor(): number {
    return Math.max(0, this.pausedUntil - this.clock.now());
  }
}
