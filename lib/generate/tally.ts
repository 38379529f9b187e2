import type { JobContext } from "@/lib/jobs/define";
import type { Usage } from "@/lib/llm/types";
import { itemTotals } from "./items";

/**
 * The job's running totals. Loaded from the items at the start of every run (so a resumed job counts
 * what earlier runs did, exactly once) and advanced in memory as items finish.
 */
export interface GenerateResult {
  requested: number;
  succeeded: number;
  failed: number;
  tokens: { prompt: number; completion: number };
  costUsd: number;
  stopReason: string | null;
}

export class Tally {
  private constructor(
    public total: number, public succeeded: number, public failed: number,
    public promptTokens: number, public completionTokens: number, public costUsd: number,
  ) {}

  static async load(jobId: number): Promise<Tally> {
    const t = await itemTotals(jobId);
    return new Tally(t.total, t.succeeded, t.failed, t.promptTokens, t.completionTokens, t.costUsd);
  }

  /** `skipped`: another worker stored this item first; its tokens were still spent. */
  add(outcome: "succeeded" | "failed" | "skipped", spent: { usage: Usage; costUsd: number }): void {
    if (outcome === "succeeded") this.succeeded++;
    if (outcome === "failed") this.failed++;
    this.promptTokens += spent.usage.promptTokens;
    this.completionTokens += spent.usage.completionTokens;
    this.costUsd += spent.costUsd;
  }

  async report(ctx: JobContext, message?: string): Promise<void> {
    await ctx.progress({
      done: this.succeeded + this.failed, total: this.total, failed: this.failed, message,
      counters: { succeeded: this.succeeded, promptTokens: this.promptTokens, completionTokens: this.completionTokens, costUsd: this.costUsd },
    });
  }

  result(stopReason: string | null): GenerateResult {
    return {
      requested: this.total, succeeded: this.succeeded, failed: this.failed,
      tokens: { prompt: this.promptTokens, completion: this.completionTokens }, costUsd: this.costUsd, stopReason,
    };
  }
}
