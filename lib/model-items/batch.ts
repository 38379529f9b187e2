import type OpenAI from "openai";
import type { JobContext } from "@/lib/jobs/define";
import { batchResults, submitBatch, waitForBatch, type BatchRequestLine } from "@/lib/llm/batch";
import { fromCompletion } from "@/lib/llm/openai-client";
import { costUsd, type Price } from "@/lib/llm/prices";
import type { ChatResponse, Usage } from "@/lib/llm/types";
import { Budget } from "./budget";
import { NOTHING_SPENT, type ItemTable } from "./items";
import type { Estimate, StopReason } from "./online";
import type { Finished } from "./store";
import type { ItemTally } from "./tally";
import { GroupWriter } from "./writer";

/**
 * Batch mode of a model job: pending items go out as one JSONL file through the Batch API (half price, results
 * within 24 h), each item as one or more requests whose `custom_id` the job chooses. The batch id is written on
 * its items right after submission, so a resumed job polls the batches it already paid for instead of sending
 * them again. An item whose replies are invalid or missing is asked again in the next batch, up to `maxInvalid`,
 * then recorded as failed.
 */
const MAX_PER_BATCH = 10_000;

export type BatchReply = { reply: ChatResponse } | { error: string };

export type Collected<S> = { ok: true; result: S } | { ok: false; reason: string; raw: string | null; usage: Usage; costUsd: number; final?: boolean };

export interface BatchJob<I extends { id: number; attempts: number }, W, S extends Finished> {
  items: ItemTable<I>;
  /** names the batch in the worker's log ("generation", "verification") and what its items are */
  label: string;
  noun: string;
  metadata: Record<string, string>;
  load(items: I[]): Promise<(W | string)[]>;
  estimate(item: I, work: W): Estimate;
  requests(item: I, work: W): BatchRequestLine[];
  /** the item's result from the replies to its requests; `final` failures are not asked again */
  collect(item: I, work: W | string, replies: Map<string, BatchReply>, batch: { id: string; status: string }): Collected<S>;
  store(batch: S[]): Promise<boolean[]>;
}

export interface BatchLimits { budgetUsd?: number; maxInvalid: number; batchPollMs: number }

export async function runBatch<I extends { id: number; attempts: number }, W, S extends Finished>(
  ctx: JobContext, p: BatchLimits, sdk: OpenAI, price: Price | null, tally: ItemTally, job: BatchJob<I, W, S>,
): Promise<StopReason> {
  const budget = new Budget(p.budgetUsd, tally.costUsd);
  for (const id of await job.items.openBatches(ctx.jobId)) await collect(ctx, p, sdk, tally, job, id);
  for (;;) {
    if (ctx.cancelled()) return "cancelled";
    const claimed = await job.items.claim(ctx.jobId, 0, MAX_PER_BATCH);
    if (!claimed.length) return null;
    const work = await job.load(claimed);
    const chosen: I[] = [];
    const lines: BatchRequestLine[] = [];
    let atBudget = false;
    for (const [i, item] of claimed.entries()) {
      const w = work[i]!;
      if (typeof w === "string") {
        await job.items.fail(item.id, w, null, NOTHING_SPENT);
        tally.add("failed", NOTHING_SPENT);
        continue;
      }
      const est = job.estimate(item, w);
      if (!budget.tryReserve(costUsd(price, est.prompt, est.completion, true))) { atBudget = true; break; }
      chosen.push(item);
      lines.push(...job.requests(item, w));
    }
    if (!chosen.length) {
      await job.items.release(ctx.jobId);
      if (atBudget) return "budget";
      continue; // every claimed item failed before it was sent: claim the next ones
    }
    const batchId = await submitBatch(sdk, lines, { in2_job: String(ctx.jobId), ...job.metadata });
    await job.items.assignBatch(chosen.map((i) => i.id), batchId);
    await job.items.release(ctx.jobId);
    ctx.log(`job ${ctx.jobId}: submitted ${job.label} batch ${batchId} with ${lines.length} requests for ${chosen.length} ${job.noun}s`);
    await collect(ctx, p, sdk, tally, job, batchId);
    if (atBudget) return "budget";
  }
}

async function collect<I extends { id: number; attempts: number }, W, S extends Finished>(
  ctx: JobContext, p: BatchLimits, sdk: OpenAI, tally: ItemTally, job: BatchJob<I, W, S>, batchId: string,
): Promise<void> {
  const batch = await waitForBatch(sdk, batchId, {
    pollMs: p.batchPollMs, signal: ctx.signal,
    onPoll: (b) => { void tally.report(ctx, `batch ${b.id}: ${b.status} ${b.request_counts?.completed ?? 0}/${b.request_counts?.total ?? "?"}`); },
  });
  const writer = new GroupWriter<S>((b) => job.store(b), (s, stored) => tally.add(stored ? "succeeded" : "skipped", s), 1000);
  const items = await job.items.ofBatch(ctx.jobId, batchId);
  const work = await job.load(items);
  const replies = new Map<string, BatchReply>();
  for (const line of await batchResults(sdk, batch)) {
    // a request answered twice counts once: the first answer
    if (!replies.has(line.customId)) replies.set(line.customId, line.body ? { reply: fromCompletion(line.body) } : { error: line.error ?? "no reply" });
  }
  for (const [i, item] of items.entries()) {
    const r = job.collect(item, work[i]!, replies, { id: batchId, status: batch.status });
    if (r.ok) {
      const written = writer.write(r.result);
      if (writer.backlogged) await written;
      continue;
    }
    const spent = { usage: r.usage, costUsd: r.costUsd, attempts: 1 };
    if (!r.final && item.attempts + 1 <= p.maxInvalid) {
      await job.items.requeue(item.id, r.reason, r.raw, spent);
      tally.add("skipped", spent);
    } else {
      await job.items.fail(item.id, `${r.reason} (after ${item.attempts + 1} batch attempts)`, r.raw, spent);
      tally.add("failed", spent);
    }
  }
  await writer.flush();
  if (writer.error) throw writer.error;
  await tally.report(ctx, `batch ${batchId}: ${batch.status}`);
}
