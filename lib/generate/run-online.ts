import { setMaxListeners } from "node:events";
import { costUsd, type Price } from "@/lib/llm/prices";
import { RateLimiter } from "@/lib/llm/rate-limiter";
import type { JobContext } from "@/lib/jobs/define";
import { Budget } from "./budget";
import { callWithRetry } from "./call-with-retry";
import { itemEstimate } from "./estimate";
import type { Generator } from "./generator";
import { claimItems, releaseItems, type WorkItem } from "./items";
import type { GenerateParams } from "./params";
import { maxCompletionTokens } from "./prompts";
import { PairWriter } from "./pair-writer";
import { storeFailure } from "./store";
import { segmentTexts, type SegmentText } from "./texts";
import type { Tally } from "./tally";

/**
 * Online mode: `concurrency` lanes take items from a shared feed (claimed from the database in batches,
 * in id order) and run each to the end. Stops early on cancel, on a budget stop, or on a fatal error
 * (bad key, unknown model), which fails the job rather than every item one by one.
 */
export type StopReason = "budget" | "cancelled" | null;

const NOTHING = { usage: { promptTokens: 0, completionTokens: 0 }, costUsd: 0, attempts: 0 };

interface Loaded { item: WorkItem; segments: SegmentText[] }

export async function runOnline(ctx: JobContext, p: GenerateParams, gen: Generator, price: Price | null, tally: Tally): Promise<StopReason> {
  const limiter = new RateLimiter({ rpm: p.rpm, tpm: p.tpm });
  const budget = new Budget(p.budgetUsd, tally.costUsd);
  const feed = feeder(ctx.jobId, Math.max(50, p.concurrency * 4));
  const writer = new PairWriter((input, stored) => tally.add(stored ? "succeeded" : "skipped", input), p.concurrency);
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
      if (next.segments.length !== next.item.segmentIds.length) {
        await storeFailure(next.item.id, "a segment of this item no longer exists (its corpus was re-imported or deleted)", null, NOTHING);
        tally.add("failed", NOTHING);
        continue;
      }
      const texts = next.segments.map((s) => s.text);
      const est = itemEstimate(p, { segmentIds: next.item.segmentIds, tokens: next.segments.reduce((a, s) => a + s.tokenCount, 0) });
      const reserveUsd = costUsd(price, est.prompt, est.completion);
      if (!budget.tryReserve(reserveUsd)) { stop = "budget"; return; }
      let result;
      try {
        result = await callWithRetry(gen, next.item, texts, {
          limiter, maxRetries: p.maxRetries, maxInvalid: p.maxInvalid, backoffBaseMs: p.backoffBaseMs, price,
          reserveTokens: est.prompt + maxCompletionTokens(p.type), signal: ctx.signal,
        });
      } catch (err) {
        if (ctx.signal.aborted) return;
        throw err;
      } finally {
        budget.settle(reserveUsd, 0);
      }
      budget.settle(0, result.costUsd);
      if (result.ok) {
        const written = writer.write({
          itemId: next.item.id, jobId: ctx.jobId, type: p.type, qa: result.qa, segments: next.segments, provider: p.provider,
          model: p.model, promptVersion: p.promptVersion, original: { response: result.raw, parsed: result.qa, usage: result.usage },
          usage: result.usage, costUsd: result.costUsd, attempts: result.attempts,
        });
        if (writer.backlogged) await written;
      } else if (result.fatal) {
        fatal = new Error(`${result.reason}; stopping the job (every item would fail the same way)`);
        return;
      } else {
        await storeFailure(next.item.id, result.reason, result.raw, result);
        tally.add("failed", result);
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
  await releaseItems(ctx.jobId);
  if (writer.error) throw writer.error;
  const crashed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (crashed) throw crashed.reason;
  if (fatal) throw fatal;
  return ctx.cancelled() ? "cancelled" : stop;
}

/** A shared, lazily refilled queue of claimed items with their segment texts. */
function feeder(jobId: number, batch: number): () => Promise<Loaded | undefined> {
  let buffer: Loaded[] = [];
  let after = 0;
  let exhausted = false;
  let loading: Promise<void> | null = null;
  const load = async () => {
    const items = await claimItems(jobId, after, batch);
    if (items.length < batch) exhausted = true;
    if (!items.length) return;
    after = items[items.length - 1]!.id;
    const texts = await segmentTexts(items.flatMap((i) => i.segmentIds));
    buffer = buffer.concat(items.map((item) => ({ item, segments: item.segmentIds.map((id) => texts.get(id)).filter((s): s is SegmentText => !!s) })));
  };
  return async () => {
    while (!buffer.length && !exhausted) {
      loading ??= load().finally(() => { loading = null; });
      await loading;
    }
    return buffer.shift();
  };
}
