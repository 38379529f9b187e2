import { ItemTally } from "@/lib/model-items/tally";
import { generationItems } from "./items";

/** A generation job's running totals (lib/model-items/tally.ts) and what it reports when it stops. */
export interface GenerateResult {
  requested: number;
  succeeded: number;
  failed: number;
  tokens: { prompt: number; completion: number };
  costUsd: number;
  stopReason: string | null;
}

export class Tally extends ItemTally {
  static async load(jobId: number): Promise<Tally> {
    return new Tally(await generationItems.totals(jobId));
  }

  result(stopReason: string | null): GenerateResult {
    return {
      requested: this.total, succeeded: this.succeeded, failed: this.failed,
      tokens: { prompt: this.promptTokens, completion: this.completionTokens }, costUsd: this.costUsd, stopReason,
    };
  }
}
