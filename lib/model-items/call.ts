import { backoffDelay } from "@/lib/llm/backoff";
import { classifyError } from "@/lib/llm/errors";
import { costUsd, type Price } from "@/lib/llm/prices";
import { realClock, type Clock, type RateLimiter } from "@/lib/llm/rate-limiter";
import type { Usage } from "@/lib/llm/types";
import type { Spent } from "./items";

/**
 * One request to the end: rate-limited attempts; 429 pauses every lane for Retry-After; 5xx and timeouts back
 * off exponentially with jitter up to `maxRetries`; replies that `parse` rejects (malformed, schema-violating)
 * are asked again up to `maxInvalid` times. Tokens of failed attempts are counted too — they were paid for.
 */
export interface RetryOptions {
  limiter: RateLimiter;
  maxRetries: number;
  maxInvalid: number;
  backoffBaseMs: number;
  price: Price | null;
  batch?: boolean;
  /** tokens reserved in the tokens/min bucket per attempt */
  reserveTokens: number;
  signal: AbortSignal;
  clock?: Clock;
}

export type Parsed<V> = { ok: true; value: V } | { ok: false; reason: string; raw: string | null };

export type CallResult<R, V> =
  | ({ ok: true; value: V; reply: R } & Spent)
  | ({ ok: false; reason: string; raw: string | null; fatal: boolean } & Spent);

/**
 * `attempt` makes one request; `parse` reads its reply; `ownFailure` recognises an error that belongs to this
 * item alone (not worth retrying): it fails the item with the error's message.
 */
export async function callWithRetry<R extends { usage: Usage }, V>(
  attempt: (signal: AbortSignal) => Promise<R>, parse: (reply: R) => Parsed<V>, o: RetryOptions, ownFailure: (err: unknown) => boolean = () => false,
): Promise<CallResult<R, V>> {
  const clock = o.clock ?? realClock;
  const usage: Usage = { promptTokens: 0, completionTokens: 0 };
  let attempts = 0;
  let transient = 0;
  let invalid = 0;
  const spent = (): Spent => ({ usage: { ...usage }, costUsd: costUsd(o.price, usage.promptTokens, usage.completionTokens, o.batch), attempts });
  for (;;) {
    await o.limiter.acquire(o.reserveTokens, o.signal);
    attempts++;
    try {
      const r = await attempt(o.signal);
      usage.promptTokens += r.usage.promptTokens;
      usage.completionTokens += r.usage.completionTokens;
      o.limiter.settle(o.reserveTokens, r.usage.promptTokens + r.usage.completionTokens);
      const v = parse(r);
      if (v.ok) return { ok: true, value: v.value, reply: r, ...spent() };
      if (++invalid > o.maxInvalid) return { ok: false, reason: `${v.reason} (${invalid} replies, none valid)`, raw: v.raw, fatal: false, ...spent() };
    } catch (err) {
      if (ownFailure(err)) return { ok: false, reason: (err as Error).message, raw: null, fatal: false, ...spent() };
      const c = classifyError(err);
      if (c.kind === "aborted" || o.signal.aborted) throw err;
      if (c.kind === "fatal" || c.kind === "item") return { ok: false, reason: c.message, raw: errorBody(err), fatal: c.kind === "fatal", ...spent() };
      if (++transient > o.maxRetries) return { ok: false, reason: `${c.message} (gave up after ${attempts} attempts)`, raw: errorBody(err), fatal: false, ...spent() };
      const wait = c.retryAfterMs ?? backoffDelay(transient, { baseMs: o.backoffBaseMs, maxMs: 60_000 });
      if (c.kind === "rate_limited") o.limiter.pause(wait);
      else await clock.sleep(wait, o.signal);
    }
  }
}

function errorBody(err: unknown): string | null {
  const e = err as { error?: unknown; message?: string };
  if (e.error) return JSON.stringify(e.error);
  return e.message ?? null;
}
