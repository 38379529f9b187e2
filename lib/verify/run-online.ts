import { setMaxListeners } from "node:events";
import { Budget } from "@/lib/generate/budget";
import type { JobContext } from "@/lib/jobs/define";
import { costUsd, type Price } from "@/lib/llm/prices";
import { RateLimiter } from "@/lib/llm/rate-limiter";
import { claimItems, releaseItems, type VerifyItem } from "./items";
import type { VerifyParams } from "./params";
import { pairEstimate, verifyPair } from "./run-pair";
import { storeFailure, storeVerified } from "./store";
import type { VerifyTally } from "./tally";
import type { Verifier } from "./verifier";
import { loadWork, type PairWork } from "./work";

/**
 * Online mode: `concurrency` lanes take pairs from a shared feed (claimed in id order, in batches) and run each
 * pair's checks to the end, then store them. Stops early on cancel, at the budget (a pair's worst-case cost is
 * reserved before it starts), or on a fatal error (bad key, unknown model), which fails the job.
 */
export type StopReason = "budget" | "cancelled" | null;

const NOTHING = { usage: { promptTokens: 0, completionTokens: 0 }, costUsd: 0, attempts: 0 };

export async function runOnline(ctx: JobContext, p: VerifyParams, v: Verifier, price: Price | null, tally: VerifyTally): Promise<StopReason> {
  const limiter = new RateLimiter({ rpm: p.rpm, tpm: p.tpm });
  const budget = new Budget(p.budgetUsd, tally.costUsd);
  const feed = feeder(ctx.jobId, Math.max(50, p.concurrency * 4));
  setMaxListeners(p.concurrency * 3 + 10, ctx.signal);
  let stop: StopReason = null;
  let fatal: Error | null = null;
  const lane = async () => {
    for (;;) {
      if (stop || fatal || ctx.cancelled()) return;
      const next = await feed();
      if (!next) return;
      if (!next.work || !next.work.pieces.size) {
        await storeFailure(next.item.id, next.work ? "this pair has no evidence text left (its segments were deleted)" : "this pair no longer exists", null, NOTHING);
        tally.add("failed", NOTHING);
        continue;
      }
      const est = pairEstimate(next.work, p.judge);
      const reserveUsd = costUsd(price, est.prompt, est.completion);
      if (!budget.tryReserve(reserveUsd)) { stop = "budget"; return; }
      let r;
      try {
        r = await verifyPair(v, next.item.id, next.work, { limiter, maxRetries: p.maxRetries, maxInvalid: p.maxInvalid, backoffBaseMs: p.backoffBaseMs, price, signal: ctx.signal, judge: p.judge });
      } catch (err) {
        if (ctx.signal.aborted) return;
        throw err;
      } finally {
        budget.settle(reserveUsd, 0);
      }
      budget.settle(0, r.costUsd);
      if (r.ok) {
        const stored = await storeVerified({ itemId: next.item.id, pairId: next.work.pairId, pairVersion: next.work.version, checks: r.checks, passed: r.passed,
          flags: r.flags, judge: r.judge, provider: p.provider, model: p.model, promptVersion: p.promptVersion, usage: r.usage, costUsd: r.costUsd, attempts: r.attempts });
        tally.add(stored ? "succeeded" : "skipped", r, { passed: r.passed, checks: r.checks.length });
      } else if (r.fatal) {
        fatal = new Error(`${r.reason}; stopping the job (every pair would fail the same way)`);
        return;
      } else {
        await storeFailure(next.item.id, r.reason, r.raw, r);
        tally.add("failed", r);
      }
      await tally.report(ctx);
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: p.concurrency }, () => lane().catch((err: Error) => {
    fatal ??= err;
    throw err;
  })));
  await releaseItems(ctx.jobId);
  const crashed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (crashed) throw crashed.reason;
  if (fatal) throw fatal;
  return ctx.cancelled() ? "cancelled" : stop;
}

interface Loaded { item: VerifyItem; work: PairWork | undefined }

/** A shared, lazily refilled queue of claimed items with their pairs' texts. */
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
    const work = await loadWork(items.map((i) => i.pairId));
    buffer = buffer.concat(items.map((item) => ({ item, work: work.get(item.pairId) })));
  };
  return async () => {
    while (!buffer.length && !exhausted) {
      loading ??= load().finally(() => { loading = null; });
      await loading;
    }
    return buffer.shift();
  };
}
