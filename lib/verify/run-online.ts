import type { JobContext } from "@/lib/jobs/define";
import type { Price } from "@/lib/llm/prices";
import { runOnline as runItems, type OnlineJob, type StopReason } from "@/lib/model-items/online";
import { verificationItems, type VerifyItem } from "./items";
import type { VerifyParams } from "./params";
import { pairEstimate, verifyPair } from "./run-pair";
import { storeVerified, type VerifiedInput } from "./store";
import type { VerifyTally } from "./tally";
import type { Verifier } from "./verifier";
import { loadWork, type PairWork } from "./work";

/**
 * Online verification: the shared lanes, limits and budget stop (lib/model-items/online.ts) with verification's
 * parts — an item is a pair with its evidence texts, all its checks run one after another in the lane that holds
 * it, and a lane waits for its pair's commit before it asks anything else.
 */
export type { StopReason };

export async function runOnline(ctx: JobContext, p: VerifyParams, v: Verifier, price: Price | null, tally: VerifyTally): Promise<StopReason> {
  const job: OnlineJob<VerifyItem, PairWork, VerifiedInput> = {
    items: verificationItems,
    noun: "pair",
    load: loadPairs,
    estimate: (_item, w) => pairEstimate(w, p.judge),
    async run(item, w, _est, o) {
      const r = await verifyPair(v, item.id, w, { ...o, judge: p.judge });
      if (!r.ok) return r;
      return { ok: true, result: verifiedOf(p, item, w, r) };
    },
    store: storeVerified,
    maxUncommitted: 1,
  };
  return runItems(ctx, p, price, tally, job);
}

/** Claimed items' pairs with their evidence texts; a pair gone, or without evidence text, cannot be verified. */
export async function loadPairs(items: VerifyItem[]): Promise<(PairWork | string)[]> {
  const work = await loadWork(items.map((i) => i.pairId));
  return items.map((i) => {
    const w = work.get(i.pairId);
    if (!w) return "this pair no longer exists";
    return w.pieces.size ? w : "this pair has no evidence text left (its segments were deleted)";
  });
}

export function verifiedOf(p: VerifyParams, item: VerifyItem, w: PairWork,
  r: Pick<VerifiedInput, "checks" | "passed" | "flags" | "judge" | "usage" | "costUsd" | "attempts">): VerifiedInput {
  return { itemId: item.id, pairId: w.pairId, pairVersion: w.version, checks: r.checks, passed: r.passed, flags: r.flags, judge: r.judge,
    provider: p.provider, model: p.model, promptVersion: p.promptVersion, usage: r.usage, costUsd: r.costUsd, attempts: r.attempts };
}
