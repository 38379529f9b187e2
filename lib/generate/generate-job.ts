import { defineJob } from "@/lib/jobs/define";
import { endpointSdk } from "@/lib/llm/openai-client";
import { priceFor } from "@/lib/llm/prices";
import { endRun, requirePriceForBudget } from "@/lib/model-items/run";
import { offlineGenerator, openAiGenerator } from "./generator";
import { createItems } from "./items";
import { GENERATE_KIND } from "./job-row";
import { generateParams } from "./params";
import { runBatch } from "./run-batch";
import { runOnline } from "./run-online";
import { Tally, type GenerateResult } from "./tally";
import { verifyAfterGeneration } from "@/lib/verify/after-generate";

/**
 * The generation job. Step 1 selects its items (once); every run then works through the unfinished ones,
 * so a job whose worker died, or that was cancelled or stopped at its budget, resumes where it was.
 */
export const generateJob = defineJob({
  kind: GENERATE_KIND,
  version: 1,
  params: generateParams,
  async run(ctx, p): Promise<GenerateResult> {
    await createItems(ctx.jobId, p);
    const tally = await Tally.load(ctx.jobId);
    const label = `${p.provider} · ${p.model}${p.mode === "batch" ? " · batch" : ""}`;
    await tally.report(ctx, label);
    const price = p.provider === "offline" ? { input: 0, output: 0 } : priceFor(p.model);
    requirePriceForBudget(p, price);
    let stop;
    if (p.provider === "offline") stop = await runOnline(ctx, p, offlineGenerator, price, tally);
    else {
      const sdk = await endpointSdk(p.endpoint, p.model, { timeoutMs: p.timeoutMs });
      stop = p.mode === "batch" ? await runBatch(ctx, p, sdk, price, tally) : await runOnline(ctx, p, openAiGenerator(sdk, p), price, tally);
    }
    await endRun(ctx, stop, p, tally, label);
    if (p.verifyAfter && stop === null) await verifyAfterGeneration(ctx, p);
    return tally.result(stop);
  },
});
