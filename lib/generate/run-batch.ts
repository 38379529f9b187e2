import type OpenAI from "openai";
import type { JobContext } from "@/lib/jobs/define";
import { chatBody } from "@/lib/llm/openai-client";
import { costUsd, type Price } from "@/lib/llm/prices";
import { runBatch as runItems, type BatchJob } from "@/lib/model-items/batch";
import type { StopReason } from "@/lib/model-items/online";
import { itemEstimate } from "./estimate";
import { generationItems, type WorkItem } from "./items";
import type { GenerateParams } from "./params";
import { buildMessages, maxCompletionTokens, outputFormat } from "./prompts";
import { loadSegments, successOf } from "./run-online";
import { storeSuccesses, type SuccessInput } from "./store";
import type { Tally } from "./tally";
import type { SegmentText } from "./texts";
import { validateOutput } from "./validate";

/**
 * Batch generation: the shared Batch API loop (lib/model-items/batch.ts) with one request per item,
 * `custom_id` = `item-<id>`, and the reply validated as online.
 */
export async function runBatch(ctx: JobContext, p: GenerateParams, sdk: OpenAI, price: Price | null, tally: Tally): Promise<StopReason> {
  const job: BatchJob<WorkItem, SegmentText[], SuccessInput> = {
    items: generationItems,
    label: "generation",
    noun: "item",
    metadata: {},
    load: loadSegments,
    estimate: (item, segments) => itemEstimate(p, { segmentIds: item.segmentIds, tokens: segments.reduce((a, s) => a + s.tokenCount, 0) }),
    requests: (item, segments) => [{
      custom_id: `item-${item.id}`, method: "POST", url: "/v1/chat/completions",
      body: chatBody({ model: p.model, messages: buildMessages(item.type, segments.map((s) => s.text), p.prompt), format: outputFormat(item.type, p.prompt), maxTokens: maxCompletionTokens(item.type) }),
    }],
    collect(item, segments, replies, batch) {
      const r = replies.get(`item-${item.id}`);
      const nothing = { usage: { promptTokens: 0, completionTokens: 0 }, costUsd: 0 };
      if (!r) return { ok: false, reason: `batch ${batch.id} ended "${batch.status}" without a result for this item`, raw: null, ...nothing };
      if ("error" in r) return { ok: false, reason: r.error, raw: r.error, ...nothing };
      const { usage, content, raw } = r.reply;
      const spent = { usage, costUsd: costUsd(price, usage.promptTokens, usage.completionTokens, true) };
      if (typeof segments === "string") return { ok: false, reason: segments, raw: content, ...spent };
      const v = validateOutput(item.type, content, segments.length);
      if (!v.ok) return { ok: false, reason: v.reason, raw: content, ...spent };
      return { ok: true, result: successOf(ctx.jobId, p, item, segments, v.qa, { response: raw, parsed: v.qa, usage, batch: batch.id }, { ...spent, attempts: 1 }) };
    },
    store: storeSuccesses,
  };
  return runItems(ctx, p, sdk, price, tally, job);
}
