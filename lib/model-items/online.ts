import { setMaxListeners } from "node:events";
import type { JobContext } from "@/lib/jobs/define";
import { costUsd, type Price } from "@/lib/llm/prices";
import { RateLimiter } from "@/lib/llm/rate-limiter";
import { Budget } from "./budget";
import type { RetryOptions } from "./call";
import { NOTHING_SPENT, type ItemTable, type Spent } from "./items";
import type { Finished } from "./store";
import type { ItemTally } from "./tally";
import { GroupWriter } from "./writer";

/**
 * Online mode of a model job: `concurrency` lanes take items from a shared feed (claimed from the database in
 * batches, in id order) and run each to the end. Stops early on cancel, at the budget (an item's worst-case cost
 * is reserved before it starts), or on a fatal error (bad key, unknown model), which fails the job rather than
 * every item one by one. What an item needs, how it is asked and what is stored are the job's (`OnlineJob`).
 */
export type StopReason = "budget" | "cancelled" | null;

export interface RunLimits {
  concurrency: number;
  rpm?: number;
  tpm?: number;
  budgetUsd?: number;
  maxRetries: number;
  maxInvalid: number;
  backoffBaseMs: number;
}

export type ItemRun<S> = { ok: true; result: S } | ({ ok: false; reason: string; raw: string | null; fatal: boolean } & Spent);

export interface Estimate { prompt: number; completion: number }

export interface OnlineJob<I extends { id: number; attempts: number }, W, S extends Finished> {
  items: ItemTable<I>;
  /** "item" or "pair": how the fatal-stop message names what would fail */
  noun: string;
  /** what a batch of claimed items needs (texts, pairs): per item its work, or why it cannot run */
  load(items: I[]): Promise<(W | string)[]>;
  /** worst-case tokens of one item, reserved against the budget before it starts */
  estimate(item: I, work: W): Estimate;
  run(item: I, work: W, est: Estimate, o: Omit<RetryOptions, "reserveTokens">): Promise<ItemRun<S>>;
  /** stores a batch of results exactly once (storeOnce); per result whether it was stored */
  store(batch: S[]): Promise<boolean[]>;
  /** results waiting for their commit before a lane waits for its own (1 = every lane waits) */
  maxUncommitted: number;
}

export async function runOnline<I extends { id: number; attempts: number }, W, S extends Finished>(
  ctx: JobContext, p: RunLimits, price: Price | null, tally: ItemTally, job: OnlineJob<I, W, S>,
): Promise<StopReason> {
  const limiter = new RateLimiter({ rpm: p.rpm, tpm: p.tpm });
  const budget = new Budget(p.budgetUsd, tally.costUsd);
  const feed = feeder(ctx.jobId, Math.max(50, p.concurrency * 4), job);
  const writer = new GroupWriter<S>((batch) => job.store(batch), (s, stored) => tally.add(stored ? "succeeded" : "skipped", s), job.maxUncommitted);
  // every lane may wait on the job's signal at once (request, backoff sleep): not a leak
  setMaxListeners(p.concurrency * 3 + 10, ctx.signal);
  let stop: StopReason = null;
  let fatal: Error | null = null;
  const lane = async () => {
    for (;;) {
      if (writer.error) throw writer.error;
      if (stop || fatal || ctx.cancelled()) return;
      const next = await feed();
      if (!next) return;
      const { item, work } = next;
      if (typeof work === "string") {
        await job.items.fail(item.id, work, null, NOTHING_SPENT);
        tally.add("failed", NOTHING_SPENT);
        continue;
      }
      const est = job.estimate(item, work);
      const reserveUsd = costUsd(price, est.prompt, est.completion);
      if (!budget.tryReserve(reserveUsd)) { stop = "budget"; return; }
      let r;
      try {
        r = await job.run(item, work, est, { limiter, maxRetries: p.maxRetries, maxInvalid: p.maxInvalid, backoffBaseMs: p.backoffBaseMs, price, signal: ctx.signal });
      } catch (err) {
        if (ctx.signal.aborted) return;
        throw err;
      } finally {
        budget.settle(reserveUsd, 0);
      }
      budget.settle(0, r.ok ? r.result.costUsd : r.costUsd);
      if (r.ok) {
        const written = writer.write(r.result);
        if (writer.backlogged) await written;
      } else if (r.fatal) {
        fatal = new Error(`${r.reason}; stopping the job (every ${job.noun} would fail the same way)`);
        return;
      } else {
        await job.items.fail(item.id, r.reason, r.raw, r);
        tally.add("failed", r);
      }
      await tally.report(ctx);
    }
  };
  // allSettled, not all: a lane's error must not release items while other lanes still write them.
  const settled = await Promise.allSettled(Array.from({ length: p.concurrency }, () => lane().catch((err: Error) => {
    fatal ??= err; // the other lanes stop at their next item
    throw err;
  })));
  await writer.flush();
  await job.items.release(ctx.jobId);
  if (writer.error) throw writer.error;
  const crashed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (crashed) throw crashed.reason;
  if (fatal) throw fatal;
  return ctx.cancelled() ? "cancelled" : stop;
}

/** A shared, lazily refilled queue of claimed items with what they need. */
function feeder<I extends { id: number; attempts: number }, W>(jobId: number, batch: number, job: Pick<OnlineJob<I, W, Finished>, "items" | "load">): () => Promise<{ item: I; work: W | string } | undefined> {
  let buffer: { item: I; work: W | string }[] = [];
  let after = 0;
  let exhausted = false;
  let loading: Promise<void> | null = null;
  const load = async () => {
    const items = await job.items.claim(jobId, after, batch);
    if (items.length < batch) exhausted = true;
    if (!items.length) return;
    after = items[items.length - 1]!.id;
    const work = await job.load(items);
    buffer = buffer.concat(items.map((item, i) => ({ item, work: work[i]! })));
  };
  return async () => {
    while (!buffer.length && !exhausted) {
      loading ??= load().finally(() => { loading = null; });
      await loading;
    }
    return buffer.shift();
  };
}
