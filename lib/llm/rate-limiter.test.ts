import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff";
import { retryAfterMs } from "./errors";
import { costUsd, priceFor, priceTable } from "./prices";
import { RateLimiter, type Clock } from "./rate-limiter";

/** A clock that only moves when someone sleeps: waits become exact, and the test takes no real time. */
function fakeClock(): Clock & { t: number } {
  const c = { t: 0, now: () => c.t, sleep: async (ms: number) => { c.t += ms; } };
  return c;
}

describe("rate limiter", () => {
  it("spreads requests to the requests-per-minute rate after the burst", async () => {
    const clock = fakeClock();
    const rl = new RateLimiter({ rpm: 60 }, clock); // burst capacity 10, then one per second
    const starts: number[] = [];
    for (let i = 0; i < 15; i++) { await rl.acquire(1); starts.push(clock.t); }
    expect(starts.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(starts.slice(10)).toEqual([1000, 2000, 3000, 4000, 5000]);
  });

  it("limits tokens per minute and credits back an over-reservation", async () => {
    const clock = fakeClock();
    const rl = new RateLimiter({ tpm: 6000 }, clock); // capacity 1000 tokens, 100 per second
    await rl.acquire(1000);
    expect(clock.t).toBe(0);
    rl.settle(1000, 200); // only 200 were used
    await rl.acquire(800);
    expect(clock.t).toBe(0);
    await rl.acquire(500);
    expect(clock.t).toBe(5000);
  });

  it("pauses every caller for a 429's Retry-After", async () => {
    const clock = fakeClock();
    const rl = new RateLimiter({}, clock);
    rl.pause(2500);
    await rl.acquire(1);
    expect(clock.t).toBe(2500);
  });
});

describe("backoff, Retry-After and prices", () => {
  it("doubles the delay per attempt with jitter in [half, full], capped", () => {
    const opts = { baseMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, opts, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, opts, () => 1))).toEqual([100, 200, 400, 800, 1000]);
  });

  it("reads Retry-After as seconds, as a date, and retry-after-ms first", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "3" }))).toBe(3000);
    expect(retryAfterMs(new Headers({ "retry-after": "3", "retry-after-ms": "120" }))).toBe(120);
    const d = retryAfterMs(new Headers({ "retry-after": new Date(Date.now() + 10_000).toUTCString() }))!;
    expect(d).toBeGreaterThan(8000);
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });

  it("prices tokens from the table, matches dated snapshots, halves batch, and takes overrides", () => {
    const table = priceTable({ ...process.env, IN2_PRICE_TABLE: JSON.stringify({ "my-model": { input: 1, output: 2 } }) });
    expect(priceFor("my-model", table)).toEqual({ input: 1, output: 2 });
    expect(priceFor("gpt-4o-mini-2024-07-18", table)).toEqual(table["gpt-4o-mini"]);
    expect(priceFor("nobody-knows", table)).toBeNull();
    expect(costUsd({ input: 1, output: 2 }, 1_000_000, 500_000)).toBe(2);
    expect(costUsd({ input: 1, output: 2 }, 1_000_000, 500_000, true)).toBe(1);
  });
});
