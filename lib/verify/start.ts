import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/queue";
import { costUsd, priceFor } from "@/lib/llm/prices";
import { Params } from "@/lib/pairs/filter";
import { selectionWhere } from "./items";
import { VERIFY_KIND } from "./job-row";
import { resolveVerifyRequest, verifyRequest, type VerifyParams } from "./params";
import { VERIFY_MAX_TOKENS, verifyPromptTokens } from "./prompts";

/** Validates a request (a zod issue becomes a 400 naming the field) and fills the defaults. */
export function prepareVerification(input: unknown): VerifyParams {
  const parsed = verifyRequest.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("bad_request", `${issue?.path.join(".") || "request"}: ${issue?.message ?? "invalid"}`);
  }
  const p = resolveVerifyRequest(parsed.data);
  if (p.provider === "openai" && !p.endpoint && !process.env.OPENAI_API_KEY) {
    throw new AppError("bad_request", "the openai provider needs OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server); use the offline verifier without one");
  }
  if (p.judge && p.provider === "offline") throw new AppError("bad_request", "judge: the offline verifier cannot judge; the judge score needs a model (--provider openai)");
  return p;
}

export interface VerifyEstimate { pairs: number; calls: number; promptTokens: number; completionTokens: number; costUsd: number | null; provider: string; model: string; mode: string }

/**
 * Pairs, calls and an upper bound of tokens and dollars, in one aggregate over the selection: a single pair costs
 * two calls over its piece, a multi pair with k needed pieces 2 + k calls over about k × its pieces' tokens.
 */
export async function estimateVerification(p: VerifyParams): Promise<VerifyEstimate> {
  const params = new Params();
  const where = selectionWhere(p, params);
  const { rows } = await pool().query<{ pairs: number; calls: number; tokens: number; qchars: number }>(
    `WITH sel AS (
       SELECT p.id, p.type, length(p.question) AS qlen,
         CASE WHEN p.type = 'multi' THEN greatest(coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(p.original->'parsed'->'pieces') = 'array' THEN p.original->'parsed'->'pieces' END), 2), 2) ELSE 1 END AS k,
         (SELECT coalesce(sum(s.token_count), 0) FROM pair_evidence e JOIN segment s ON s.id = e.segment_id WHERE e.pair_id = p.id) AS t
       FROM pair p WHERE ${where})
     SELECT count(*)::int AS pairs, coalesce(sum(CASE WHEN type = 'multi' THEN 2 + k ELSE 2 END), 0)::int AS calls,
       coalesce(sum(CASE WHEN type = 'multi' THEN k * t ELSE t END), 0)::float8 AS tokens, coalesce(sum(qlen), 0)::float8 AS qchars FROM sel`, params.values);
  const r = rows[0]!;
  if (p.judge) r.calls += r.pairs;
  const offline = p.provider === "offline";
  const prompt = Math.round(r.tokens + r.calls * verifyPromptTokens("", 0, 1) + r.qchars / 4 * (r.pairs ? r.calls / r.pairs : 0));
  const completion = r.calls * VERIFY_MAX_TOKENS;
  const price = offline ? { input: 0, output: 0 } : priceFor(p.model);
  return {
    pairs: r.pairs, calls: r.calls, promptTokens: offline ? 0 : prompt, completionTokens: offline ? 0 : completion,
    costUsd: price ? costUsd(price, prompt, completion, p.mode === "batch") : null, provider: p.provider, model: p.model, mode: p.mode,
  };
}

export function assertRunnable(p: VerifyParams, e: VerifyEstimate): void {
  if (e.pairs === 0) throw new AppError("unprocessable", "nothing to verify: no pair matches this selection");
  if (p.budgetUsd !== undefined && e.costUsd === null) {
    throw new AppError("bad_request", `no price for model "${p.model}", so a budget cannot be enforced: add it to IN2_PRICE_TABLE`);
  }
}

/** Estimates, refuses what cannot run, and queues the job for a worker. */
export async function startVerification(input: unknown, createdById?: number): Promise<{ jobId: number; estimate: VerifyEstimate }> {
  const p = prepareVerification(input);
  const estimate = await estimateVerification(p);
  assertRunnable(p, estimate);
  const jobId = await enqueueJob(VERIFY_KIND, p, { total: estimate.pairs, createdById });
  return { jobId, estimate };
}
