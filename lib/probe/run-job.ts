import { z } from "zod";
import { pool } from "@/lib/db/client";
import { assertUsable, resolveEndpoint } from "@/lib/endpoints";
import { defineJob } from "@/lib/jobs/define";
import { examplePrompt, probeExamples, type ProbeExampleRow } from "./examples";
import { modelClient } from "./model-client";
import { getProbeRun, PROBE_RUN_JOB, probeRunSummary } from "./runs";
import { scoreReply } from "./score";
import { probeContexts } from "./sets";

/** Consecutive failures with no success at all before the endpoint is declared unreachable. */
const GIVE_UP_AFTER = 5;

/**
 * Asks the model every example of a run's set and stores each scored reply as it arrives. Resumable: an
 * example that already has a score is skipped; one that failed is asked again.
 */
export const probeRunJob = defineJob({
  kind: PROBE_RUN_JOB,
  version: 1,
  params: z.object({ runId: z.number().int().positive() }),
  async run(ctx, { runId }) {
    const run = await getProbeRun(runId);
    const { rows: doneRows } = await pool().query<{ id: number }>(
      `SELECT example_id AS id FROM probe_result WHERE run_id = $1 AND score IS NOT NULL`, [runId]);
    let done = doneRows.length;
    let failed = 0;
    let succeeded = 0;
    let streak = 0;
    let lastError = "";
    await ctx.progress({ total: run.exampleCount, done, failed, message: `${run.model}: ${done} of ${run.exampleCount} already scored` });
    const finished = new Set(doneRows.map((r) => r.id));
    const contexts = await probeContexts(run.setId);
    if (run.endpoint === null) {
      throw new Error("this run is from before model endpoints and names a raw URL; start a new run that names an endpoint");
    }
    const ep = await resolveEndpoint(run.endpoint);
    await assertUsable(ep, run.model);
    const ask = modelClient(ep, { model: run.model, temperature: run.temperature, maxTokens: run.maxTokens });
    const source = probeExamples(run.setId);

    const one = async (ex: ProbeExampleRow) => {
      const started = Date.now();
      try {
        const reply = await ask(examplePrompt(ex, contexts), ctx.signal);
        const score = scoreReply(run.style, ex, reply.text);
        await saveResult(runId, ex.id, { reply: reply.text, score, error: null, latencyMs: Date.now() - started, promptTokens: reply.promptTokens, completionTokens: reply.completionTokens });
        done++;
        succeeded++;
        streak = 0;
      } catch (err) {
        if (ctx.cancelled()) return;
        lastError = (err as Error).message;
        await saveResult(runId, ex.id, { reply: null, score: null, error: lastError, latencyMs: Date.now() - started, promptTokens: null, completionTokens: null });
        failed++;
        streak++;
      }
      await ctx.progress({ done, failed, message: failed ? `${run.model}: last error: ${lastError}` : `${run.model}: scoring` });
    };

    const worker = async () => {
      for (;;) {
        if (ctx.cancelled() || (succeeded === 0 && streak >= GIVE_UP_AFTER)) return;
        const next = await source.next();
        if (next.done) return;
        if (!finished.has(next.value.id)) await one(next.value);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, run.concurrency) }, worker));
    if (succeeded === 0 && streak >= GIVE_UP_AFTER) throw new Error(`the model endpoint failed ${streak} times in a row: ${lastError}`);
    await ctx.progress({ done, failed, message: `${run.model}: ${done} scored${failed ? `, ${failed} failed (resume to ask them again)` : ""}` });
    const s = await probeRunSummary(runId);
    return { run: runId, set: s.setId, style: s.style, model: s.model, scored: s.scored, failed: s.failed, avg: s.curve.avg, gap: s.curve.gap };
  },
});

interface ResultValues {
  reply: string | null; score: number | null; error: string | null; latencyMs: number;
  promptTokens: number | null; completionTokens: number | null;
}

async function saveResult(runId: number, exampleId: number, v: ResultValues): Promise<void> {
  await pool().query(
    `INSERT INTO probe_result (run_id, example_id, reply, score, error, latency_ms, prompt_tokens, completion_tokens)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (run_id, example_id) DO UPDATE SET reply = EXCLUDED.reply, score = EXCLUDED.score, error = EXCLUDED.error,
       latency_ms = EXCLUDED.latency_ms, prompt_tokens = EXCLUDED.prompt_tokens, completion_tokens = EXCLUDED.completion_tokens,
       updated_at = now()`,
    [runId, exampleId, v.reply, v.score, v.error, v.latencyMs, v.promptTokens, v.completionTokens]);
}
