import { pool } from "@/lib/db/client";
import type { JobContext } from "@/lib/jobs/define";
import type { Price } from "@/lib/llm/prices";
import type { StopReason } from "./online";
import type { ItemTally } from "./tally";

/** The start and end of a model job's run, the same for every model job. */

/** A budget cannot be enforced without a price: refuse to start rather than spend without a cap. */
export function requirePriceForBudget(p: { budgetUsd?: number; model: string }, price: Price | null): void {
  if (p.budgetUsd !== undefined && !price) {
    throw new Error(`no price for model "${p.model}", so the budget cannot be enforced: add it to IN2_PRICE_TABLE`);
  }
}

/**
 * A budget stop ends the run as "stopped" rather than "succeeded" (the runner finishes a job whose row says
 * `cancelling` as `cancelled`, lib/jobs/runner.ts) with a message that says why, so it can be resumed after
 * raising the budget; any other end reports the final tally under `label`.
 */
export async function endRun(ctx: JobContext, stop: StopReason, p: { budgetUsd?: number }, tally: ItemTally, label: string): Promise<void> {
  if (stop !== "budget") {
    await tally.report(ctx, label);
    return;
  }
  const why = `stopped: budget cap $${p.budgetUsd!.toFixed(2)} reached ($${tally.costUsd.toFixed(4)} spent); raise the budget and resume to continue`;
  await pool().query(`UPDATE job SET status = 'cancelling', message = $3 WHERE id = $1 AND locked_by = $2 AND status = 'running'`, [ctx.jobId, ctx.workerId, why]);
}
