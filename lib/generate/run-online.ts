import type { JobContext } from "@/lib/jobs/define";
import type { Price } from "@/lib/llm/prices";
import { runOnline as runItems, type OnlineJob, type StopReason } from "@/lib/model-items/online";
import { callWithRetry } from "./call-with-retry";
import { itemEstimate } from "./estimate";
import type { Generator } from "./generator";
import { generationItems, type WorkItem } from "./items";
import type { GenerateParams } from "./params";
import { maxCompletionTokens } from "./prompts";
import { storeSuccesses, type SuccessInput } from "./store";
import { segmentTexts, type SegmentText } from "./texts";
import type { Tally } from "./tally";

/**
 * Online generation: the shared lanes, limits and budget stop (lib/model-items/online.ts) with generation's
 * parts — an item needs its segments' texts, asks the generator, and its pair is group-committed (up to
 * `concurrency` answered pairs wait for their commit while lanes go on).
 */
export type { StopReason };

export async function runOnline(ctx: JobContext, p: GenerateParams, gen: Generator, price: Price | null, tally: Tally): Promise<StopReason> {
  const job: OnlineJob<WorkItem, SegmentText[], SuccessInput> = {
    items: generationItems,
    noun: "item",
    load: loadSegments,
    estimate: (item, segments) => itemEstimate(p, { segmentIds: item.segmentIds, tokens: segments.reduce((a, s) => a + s.tokenCount, 0) }),
    async run(item, segments, est, o) {
      const r = await callWithRetry(gen, item, segments.map((s) => s.text), { ...o, reserveTokens: est.prompt + maxCompletionTokens(p.type) });
      if (!r.ok) return r;
      return { ok: true, result: successOf(ctx.jobId, p, item, segments, r.qa, { response: r.raw, parsed: r.qa, usage: r.usage }, r) };
    },
    store: storeSuccesses,
    maxUncommitted: p.concurrency,
  };
  return runItems(ctx, p, price, tally, job);
}

/** Claimed items' segment texts in one query; an item with a segment gone cannot run. */
export async function loadSegments(items: WorkItem[]): Promise<(SegmentText[] | string)[]> {
  const texts = await segmentTexts(items.flatMap((i) => i.segmentIds));
  return items.map((item) => {
    const segments = item.segmentIds.map((id) => texts.get(id)).filter((s): s is SegmentText => !!s);
    return segments.length === item.segmentIds.length ? segments : "a segment of this item no longer exists (its corpus was re-imported or deleted)";
  });
}

export function successOf(jobId: number, p: GenerateParams, item: WorkItem, segments: SegmentText[], qa: SuccessInput["qa"], original: unknown,
  spent: Pick<SuccessInput, "usage" | "costUsd" | "attempts">): SuccessInput {
  return { itemId: item.id, jobId, type: item.type, qa, segments, provider: p.provider, model: p.model, promptVersion: p.promptVersion, original,
    usage: spent.usage, costUsd: spent.costUsd, attempts: spent.attempts };
}
