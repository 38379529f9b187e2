import type { JobContext } from "@/lib/jobs/define";
import type { Usage } from "@/lib/llm/types";
import type { ItemTotals } from "./items";

/**
 * A model job's running totals: loaded from its items at the start of every run (a resumed job counts what
 * earlier runs did, exactly once) and advanced in memory as items finish. Jobs add their own counters.
 */
export type Outcome = "succeeded" | "failed" | "skipped";

export class ItemTally {
  total: number;
  succeeded: number;
  failed: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;

  constructor(t: ItemTotals) {
    this.total = t.total;
    this.succeeded = t.succeeded;
    this.failed = t.failed;
    this.promptTokens = t.promptTokens;
    this.completionTokens = t.completionTokens;
    this.costUsd = t.costUsd;
  }

  /** `skipped`: not finished (asked again later), or another worker stored this item first; its tokens were still spent. */
  add(outcome: Outcome, spent: { usage: Usage; costUsd: number }): void {
    if (outcome === "succeeded") this.succeeded++;
    if (outcome === "failed") this.failed++;
    this.promptTokens += spent.usage.promptTokens;
    this.completionTokens += spent.usage.completionTokens;
    this.costUsd += spent.costUsd;
  }

  /** The job's own counters, beside succeeded, tokens and cost. */
  protected extraCounters(): Record<string, number> {
    return {};
  }

  async report(ctx: JobContext, message?: string): Promise<void> {
    await ctx.progress({
      done: this.succeeded + this.failed, total: this.total, failed: this.failed, message,
      counters: { succeeded: this.succeeded, ...this.extraCounters(), promptTokens: this.promptTokens, completionTokens: this.completionTokens, costUsd: this.costUsd },
    });
  }
}
