import type OpenAI from "openai";
import type { JobContext } from "@/lib/jobs/define";
import { batchResults, submitBatch, waitForBatch, type BatchRequestLine } from "@/lib/llm/batch";
import { chatBody, fromCompletion } from "@/lib/llm/openai-client";
import { costUsd, type Price } from "@/lib/llm/prices";
import { Budget } from "./budget";
import { assignBatch, itemsOfBatch, openBatches, requeueItem, type BatchItem } from "./batch-items";
import { itemEstimate } from "./estimate";
import { claimItems, releaseItems } from "./items";
import type { GenerateParams } from "./params";
import { buildMessages, maxCompletionTokens, outputFormat } from "./prompts";
import type { StopReason } from "./run-online";
import { PairWriter } from "./pair-writer";
import { storeFailure } from "./store";
import type { Tally } from "./tally";
import { segmentTexts } from "./texts";
import { validateOutput } from "./validate";

/**
 * Batch mode: pending items go out as JSONL files through the Batch API (half price, results within 24 h),
 * `custom_id` = `item-<id>`. The batch id is written on its items right after submission, so a resumed
 * job polls the batches it already paid for instead of sending them again. Invalid or failed replies are
 * asked again in the next batch, up to the item's retry limit, then recorded as failures.
 */
const MAX_PER_BATCH = 10_000;

export async function runBatch(ctx: JobContext, p: GenerateParams, sdk: OpenAI, price: Price | null, tally: Tally): Promise<StopReason> {
  const budget = new Budget(p.budgetUsd, tally.costUsd);
  for (const id of await openBatches(ctx.jobId)) await collect(ctx, p, sdk, price, tally, id);
  for (;;) {
    if (ctx.cancelled()) return "cancelled";
    const claimed = await claimItems(ctx.jobId, 0, MAX_PER_BATCH);
    if (!claimed.length) return null;
    const texts = await segmentTexts(claimed.flatMap((i) => i.segmentIds));
    const chosen: BatchItem[] = [];
    for (const item of claimed) {
      const segs = item.segmentIds.map((id) => texts.get(id));
      const est = itemEstimate(p, { segmentIds: item.segmentIds, tokens: segs.reduce((a, s) => a + (s?.tokenCount ?? 0), 0) });
      if (!budget.tryReserve(costUsd(price, est.prompt, est.completion, true))) break;
      chosen.push(item);
    }
    if (!chosen.length) {
      await releaseItems(ctx.jobId);
      return "budget";
    }
    const lines: BatchRequestLine[] = chosen.map((item) => ({
      custom_id: `item-${item.id}`, method: "POST", url: "/v1/chat/completions",
      body: chatBody({ model: p.model, messages: buildMessages(item.type, item.segmentIds.map((id) => texts.get(id)?.text ?? ""), p.prompt), format: outputFormat(item.type, p.prompt), maxTokens: maxCompletionTokens(item.type) }),
    }));
    const batchId = await submitBatch(sdk, lines, { in2_job: String(ctx.jobId) });
    await assignBatch(chosen.map((i) => i.id), batchId);
    await releaseItems(ctx.jobId);
    ctx.log(`job ${ctx.jobId}: submitted batch ${batchId} with ${chosen.length} requests`);
    await collect(ctx, p, sdk, price, tally, batchId);
    if (chosen.length < claimed.length) return "budget";
  }
}

async function collect(ctx: JobContext, p: GenerateParams, sdk: OpenAI, price: Price | null, tally: Tally, batchId: string): Promise<void> {
  const batch = await waitForBatch(sdk, batchId, {
    pollMs: p.batchPollMs, signal: ctx.signal,
    onPoll: (b) => { void tally.report(ctx, `batch ${b.id}: ${b.status} ${b.request_counts?.completed ?? 0}/${b.request_counts?.total ?? "?"}`); },
  });
  const writer = new PairWriter((input, stored) => tally.add(stored ? "succeeded" : "skipped", input), 1000);
  const items = new Map((await itemsOfBatch(ctx.jobId, batchId)).map((i) => [`item-${i.id}`, i]));
  const texts = await segmentTexts([...items.values()].flatMap((i) => i.segmentIds));
  for (const line of await batchResults(sdk, batch)) {
    const item = items.get(line.customId);
    if (!item) continue;
    items.delete(line.customId);
    const reply = line.body ? fromCompletion(line.body) : null;
    const usage = reply?.usage ?? { promptTokens: 0, completionTokens: 0 };
    const cost = costUsd(price, usage.promptTokens, usage.completionTokens, true);
    const segments = item.segmentIds.map((id) => texts.get(id)).filter((s) => s !== undefined);
    const v = reply ? validateOutput(item.type, reply.content, segments.length) : { ok: false as const, reason: line.error ?? "no reply" };
    const spent = { usage, costUsd: cost, attempts: 1 };
    if (v.ok && segments.length === item.segmentIds.length) {
      const written = writer.write({ itemId: item.id, jobId: ctx.jobId, type: item.type, qa: v.qa, segments, provider: p.provider, model: p.model,
        promptVersion: p.promptVersion, original: { response: reply?.raw, parsed: v.qa, usage, batch: batchId }, ...spent });
      if (writer.backlogged) await written;
    } else {
      await retryOrFail(p, item, v.ok ? "a segment of this item no longer exists" : v.reason, reply?.content ?? line.error ?? null, spent, tally);
    }
  }
  await writer.flush();
  if (writer.error) throw writer.error;
  // Requests the batch never answered (expired, failed batch) count as one failed attempt each.
  for (const item of items.values()) {
    await retryOrFail(p, item, `batch ${batchId} ended "${batch.status}" without a result for this item`, null, { usage: { promptTokens: 0, completionTokens: 0 }, costUsd: 0, attempts: 1 }, tally);
  }
  await tally.report(ctx, `batch ${batchId}: ${batch.status}`);
}

async function retryOrFail(p: GenerateParams, item: BatchItem, reason: string, raw: string | null, spent: { usage: { promptTokens: number; completionTokens: number }; costUsd: number; attempts: number }, tally: Tally): Promise<void> {
  if (item.attempts + 1 <= p.maxInvalid) {
    await requeueItem(item.id, reason, raw, spent.usage, spent.costUsd);
    tally.add("skipped", spent);
  } else {
    await storeFailure(item.id, `${reason} (after ${item.attempts + 1} batch attempts)`, raw, spent);
    tally.add("failed", spent);
  }
}
