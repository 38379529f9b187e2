import { pool } from "@/lib/db/client";
import { costUsd, priceFor } from "@/lib/llm/prices";
import type { GenerateParams } from "./params";
import { maxCompletionTokens, promptOverheadTokens } from "./prompts";
import { selectCandidates, type Candidate } from "./select";

/**
 * Tokens and dollars before a job starts. Prompt tokens come from the stored segment token counts (the
 * corpus tokenizer; OpenAI's tokenizers count English within ~10–20% of it) plus the instructions;
 * completion tokens are the cap we request, so the dollar figure is an upper bound rather than a hope.
 */
export interface Estimate {
  items: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number | null;
  /** null when the model is not in the price table */
  pricePerMillion: { input: number; output: number } | null;
  provider: string;
  model: string;
  mode: string;
  /** true when fewer items are available than were asked for */
  short: boolean;
}

export function itemEstimate(p: Pick<GenerateParams, "type">, c: Pick<Candidate, "segmentIds" | "tokens">): { prompt: number; completion: number } {
  return { prompt: c.tokens + promptOverheadTokens(p.type, c.segmentIds.length), completion: maxCompletionTokens(p.type) };
}

export function estimateFor(p: GenerateParams, cands: Pick<Candidate, "segmentIds" | "tokens">[]): Estimate {
  let prompt = 0;
  let completion = 0;
  for (const c of cands) {
    const e = itemEstimate(p, c);
    prompt += e.prompt;
    completion += e.completion;
  }
  const price = p.provider === "offline" ? { input: 0, output: 0 } : priceFor(p.model);
  return {
    items: cands.length,
    promptTokens: p.provider === "offline" ? 0 : prompt,
    completionTokens: p.provider === "offline" ? 0 : completion,
    costUsd: price ? costUsd(price, prompt, completion, p.mode === "batch") : null,
    pricePerMillion: price,
    provider: p.provider,
    model: p.model,
    mode: p.mode,
    short: !p.segmentIds && cands.length < p.count,
  };
}

export async function estimateGeneration(p: GenerateParams): Promise<Estimate> {
  return estimateFor(p, await selectCandidates(pool(), p));
}
