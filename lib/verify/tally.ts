import type { JobContext } from "@/lib/jobs/define";
import type { Usage } from "@/lib/llm/types";
import { itemTotals } from "./items";

/**
 * The job's running totals: loaded from the items at the start of every run (a resumed job counts what earlier
 * runs did, exactly once) and advanced in memory as pairs finish.
 */
export class VerifyTally {
  passed = 0;
  flagged = 0;
  checks = 0;
  private constructor(public total: number, public succeeded: number, public failed: number,
    public promptTokens: number, public completionTokens: number, public costUsd: number) {}

  static async load(jobId: number): Promise<VerifyTally> {
    const t = await itemTotals(jobId);
    return new VerifyTally(t.total, t.succeeded, t.failed, t.promptTokens, t.completionTokens, t.costUsd);
  }

  add(outcome: "succeeded" | "failed" | "skipped", spent: { usage: Usage; costUsd: number }, verdict?: { passed: boolean; checks: number }): void {
    if (outcome === "succeeded") {
      this.succeeded++;
      if (verdict?.passed) this.passed++;
      else this.flagged++;
      this.checks += verdict?.checks ?? 0;
    }
    if (outcome === "failed") this.failed++;
    this.promptTokens += spent.usage.promptTokens;
    this.completionTokens += spent.usage.completionTokens;
    this.costUsd += spent.costUsd;
  }

  async report(ctx: JobContext, message?: string): Promise<void> {
    await ctx.progress({
      done: this.succeeded + this.failed, total: this.total, failed: this.failed, message,
      counters: { succeeded: this.succeeded, passed: this.passed, flagged: this.flagged, promptTokens: this.promptTokens,
        completionTokens: this.completionTokens, costUsd: this.costUsd },
    });
  }
}
