import type { JobContext } from "@/lib/jobs/define";
import { pool } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/queue";
import { VERIFY_KIND } from "./job-row";
import { resolveVerifyRequest } from "./params";

/**
 * "Verify after generating": when a generation job finishes, queue one verification job for its pairs, with the
 * same provider (offline stays offline), the verification model (IN2_VERIFY_MODEL, else the generation model),
 * concurrency and rate limits. A generation job that is resumed and finishes again does not queue a second one.
 */
export async function verifyAfterGeneration(ctx: Pick<JobContext, "jobId" | "log">, p: {
  provider: "openai" | "offline"; endpoint?: string; model: string; mode: "online" | "batch"; concurrency: number; rpm?: number; tpm?: number; timeoutMs: number;
}): Promise<number | null> {
  const { rows } = await pool().query<{ id: number }>(
    `SELECT id FROM job WHERE kind = $1 AND params->>'jobId' = $2 AND status NOT IN ('failed', 'cancelled') LIMIT 1`, [VERIFY_KIND, String(ctx.jobId)]);
  if (rows[0]) return null;
  const params = resolveVerifyRequest({
    jobId: ctx.jobId, provider: p.provider, endpoint: p.endpoint, model: p.provider === "openai" ? (process.env.IN2_VERIFY_MODEL ?? p.model) : undefined,
    mode: p.mode, concurrency: p.concurrency, rpm: p.rpm, tpm: p.tpm, timeoutMs: p.timeoutMs,
  });
  const id = await enqueueJob(VERIFY_KIND, params);
  ctx.log(`job ${ctx.jobId}: queued verification job ${id} for its pairs`);
  return id;
}
