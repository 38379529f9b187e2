import { defineJob } from "@/lib/jobs/define";
import { endRun, requirePriceForBudget } from "@/lib/model-items/run";
import { createItems, verdictCounts } from "./items";
import { VERIFY_KIND } from "./job-row";
import { verifyParams } from "./params";
import { resolveVerifier } from "./provider";
import { runBatch } from "./run-batch";
import { runOnline } from "./run-online";
import { VerifyTally } from "./tally";

/** What a finished (or stopped) verification job reports: pairs, checks, verdict counts, tokens, cost. */
export interface VerifyResult {
  requested: number;
  verified: number;
  failed: number;
  passed: number;
  flagged: number;
  checks: number;
  verdicts: Record<string, number>;
  tokens: { prompt: number; completion: number };
  costUsd: number;
  stopReason: string | null;
}

/**
 * The verification job. Step 1 creates its items (once); every run then works through the unfinished ones, so a
 * job whose worker died, or that was cancelled or stopped at its budget, resumes where it was.
 */
export const verifyJob = defineJob({
  kind: VERIFY_KIND,
  version: 1,
  params: verifyParams,
  async run(ctx, p): Promise<VerifyResult> {
    await createItems(ctx.jobId, p);
    const tally = await VerifyTally.load(ctx.jobId);
    const r = await resolveVerifier(p);
    await tally.report(ctx, r.label);
    requirePriceForBudget(p, r.price);
    const stop = p.mode === "batch" && r.sdk ? await runBatch(ctx, p, r.sdk, r.price, tally) : await runOnline(ctx, p, r.verifier, r.price, tally);
    await endRun(ctx, stop, p, tally, r.label);
    const v = await verdictCounts(ctx.jobId);
    return {
      requested: tally.total, verified: tally.succeeded, failed: tally.failed, passed: v.passed, flagged: v.failed, checks: v.checks, verdicts: v.byVerdict,
      tokens: { prompt: tally.promptTokens, completion: tally.completionTokens }, costUsd: tally.costUsd, stopReason: stop,
    };
  },
});
