import { z } from "zod";

/**
 * The request fields every model job takes for its loops (lib/model-items online.ts and batch.ts): lanes, rate
 * limits, budget cap, timeouts, retries and the Batch API poll interval. A job's schema spreads them in.
 */
export const modelRunLimits = {
  concurrency: z.number().int().min(1).max(256).default(4),
  rpm: z.number().int().positive().optional(),
  tpm: z.number().int().positive().optional(),
  budgetUsd: z.number().positive().optional(),
  /** per-request timeout */
  timeoutMs: z.number().int().min(100).max(600_000).default(60_000),
  /** retries of 429 / 5xx / timeouts per request (an item, or each check of a pair) */
  maxRetries: z.number().int().min(0).max(20).default(5),
  /** retries of malformed or schema-violating output per request */
  maxInvalid: z.number().int().min(0).max(10).default(2),
  backoffBaseMs: z.number().int().min(1).max(60_000).default(500),
  batchPollMs: z.number().int().min(10).max(600_000).default(30_000),
};
