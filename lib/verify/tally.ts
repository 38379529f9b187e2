import type { Usage } from "@/lib/llm/types";
import { ItemTally, type Outcome } from "@/lib/model-items/tally";
import { verificationItems } from "./items";

/**
 * A verification job's running totals (lib/model-items/tally.ts), plus the verdicts of the pairs this run
 * stored: passed, flagged and the checks behind them.
 */
export class VerifyTally extends ItemTally {
  passed = 0;
  flagged = 0;
  checks = 0;

  static async load(jobId: number): Promise<VerifyTally> {
    return new VerifyTally(await verificationItems.totals(jobId));
  }

  /** `spent` is the stored result itself when a pair succeeded: its verdict is counted too. */
  override add(outcome: Outcome, spent: { usage: Usage; costUsd: number; passed?: boolean; checks?: unknown[] }): void {
    super.add(outcome, spent);
    if (outcome !== "succeeded") return;
    if (spent.passed) this.passed++;
    else this.flagged++;
    this.checks += spent.checks?.length ?? 0;
  }

  protected override extraCounters(): Record<string, number> {
    return { passed: this.passed, flagged: this.flagged };
  }
}
