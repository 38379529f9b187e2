import type OpenAI from "openai";
import { Budget } from "@/lib/generate/budget";
import type { JobContext } from "@/lib/jobs/define";
import { batchResults, submitBatch, waitForBatch, type BatchRequestLine } from "@/lib/llm/batch";
import { chatBody, fromCompletion } from "@/lib/llm/openai-client";
import { costUsd, type Price } from "@/lib/llm/prices";
import { pool } from "@/lib/db/client";
import { claimItems, releaseItems, type VerifyItem } from "./items";
import { matchAnswer } from "./match";
import type { VerifyParams } from "./params";
import { JUDGE_FORMAT, judgeMessages, verifyMessages, VERIFY_FORMAT, VERIFY_MAX_TOKENS } from "./prompts";
import { checkKey, judgeRow, pairEstimate, type CheckRow, type JudgeSummary } from "./run-pair";
import type { StopReason } from "./run-online";
import { storeFailure, storeVerified } from "./store";
import type { VerifyTally } from "./tally";
import { checkPassed, deriveVerdict, planChecks, type PlannedCheck } from "./verdict";
import { parseJudge, parseReply, refusalOf } from "./verifier";
import { loadWork, piecesOf, type PairWork } from "./work";

/**
 * Batch mode: every check of every pending pair goes out in one JSONL file through the Batch API (half price;
 * ablations are sent up front, since a batch cannot wait for the evidence-only answer — they only count when
 * evidence-only matched). `custom_id` = the check's key, as online. The batch id is written on its items right after
 * submission, so a resumed job polls the batch it already paid for instead of sending it again. A pair with an
 * invalid reply is asked again in the next batch, up to `maxInvalid`, then recorded as failed.
 */
const MAX_PER_BATCH = 10_000;

const checkId = (c: PlannedCheck) => `${c.kind}${c.pieceRemoved ? `-${c.pieceRemoved}` : ""}`;
const allChecks = (w: PairWork, judge: boolean): PlannedCheck[] => {
  const pl = planChecks(w.type, w.needed);
  return [...pl.first, ...pl.ablation, ...(judge ? [{ kind: "judge" as const, pieces: w.needed, pieceRemoved: null }] : [])];
};

export async function runBatch(ctx: JobContext, p: VerifyParams, sdk: OpenAI, price: Price | null, tally: VerifyTally): Promise<StopReason> {
  const budget = new Budget(p.budgetUsd, tally.costUsd);
  for (const id of await openBatches(ctx.jobId)) await collect(ctx, p, sdk, price, tally, id);
  for (;;) {
    if (ctx.cancelled()) return "cancelled";
    const claimed = await claimItems(ctx.jobId, 0, MAX_PER_BATCH);
    if (!claimed.length) return null;
    const work = await loadWork(claimed.map((i) => i.pairId));
    const chosen: VerifyItem[] = [];
    const lines: BatchRequestLine[] = [];
    for (const item of claimed) {
      const w = work.get(item.pairId);
      if (!w || !w.pieces.size) {
        await storeFailure(item.id, w ? "this pair has no evidence text left" : "this pair no longer exists", null, { usage: { promptTokens: 0, completionTokens: 0 }, costUsd: 0, attempts: 0 });
        tally.add("failed", { usage: { promptTokens: 0, completionTokens: 0 }, costUsd: 0 });
        continue;
      }
      const est = pairEstimate(w, p.judge);
      if (!budget.tryReserve(costUsd(price, est.prompt, est.completion, true))) break;
      chosen.push(item);
      for (const c of allChecks(w, p.judge)) {
        const judge = c.kind === "judge";
        lines.push({ custom_id: checkKey(item.id, w.pairId, c), method: "POST", url: "/v1/chat/completions",
          body: chatBody({ model: p.model, messages: judge ? judgeMessages(w.question, w.answer, piecesOf(w, c.pieces)) : verifyMessages(w.question, c.kind === "closed_book" ? null : piecesOf(w, c.pieces)),
            format: judge ? JUDGE_FORMAT : VERIFY_FORMAT, maxTokens: VERIFY_MAX_TOKENS }) });
      }
    }
    if (!chosen.length) {
      await releaseItems(ctx.jobId);
      return lines.length || claimed.length ? "budget" : null;
    }
    const batchId = await submitBatch(sdk, lines, { in2_job: String(ctx.jobId), in2_kind: "verify" });
    await pool().query(`UPDATE verification_item SET batch_id = $2, updated_at = now() WHERE id = ANY($1::int[])`, [chosen.map((i) => i.id), batchId]);
    await releaseItems(ctx.jobId);
    ctx.log(`job ${ctx.jobId}: submitted verification batch ${batchId} with ${lines.length} requests for ${chosen.length} pairs`);
    await collect(ctx, p, sdk, price, tally, batchId);
    if (chosen.length < claimed.length) return "budget";
  }
}

async function openBatches(jobId: number): Promise<string[]> {
  const { rows } = await pool().query<{ batch_id: string }>(
    `SELECT DISTINCT batch_id FROM verification_item WHERE job_id = $1 AND status IN ('pending', 'running') AND batch_id IS NOT NULL ORDER BY batch_id`, [jobId]);
  return rows.map((r) => r.batch_id);
}

async function collect(ctx: JobContext, p: VerifyParams, sdk: OpenAI, price: Price | null, tally: VerifyTally, batchId: string): Promise<void> {
  const batch = await waitForBatch(sdk, batchId, {
    pollMs: p.batchPollMs, signal: ctx.signal,
    onPoll: (b) => { void tally.report(ctx, `batch ${b.id}: ${b.status} ${b.request_counts?.completed ?? 0}/${b.request_counts?.total ?? "?"}`); },
  });
  const { rows: items } = await pool().query<VerifyItem>(
    `SELECT id, pair_id AS "pairId", attempts FROM verification_item WHERE job_id = $1 AND batch_id = $2 AND status IN ('pending', 'running') ORDER BY id`, [ctx.jobId, batchId]);
  const work = await loadWork(items.map((i) => i.pairId));
  const replies = new Map<string, { content: string; refusal: string | null; usage: { promptTokens: number; completionTokens: number } } | { error: string }>();
  for (const line of await batchResults(sdk, batch)) {
    if (line.body) {
      const r = fromCompletion(line.body);
      replies.set(line.customId, { content: r.content, refusal: refusalOf(r.raw), usage: r.usage });
    } else replies.set(line.customId, { error: line.error ?? "no reply" });
  }
  for (const item of items) {
    const w = work.get(item.pairId);
    const usage = { promptTokens: 0, completionTokens: 0 };
    const checks: CheckRow[] = [];
    let judge: JudgeSummary | undefined;
    let problem: { reason: string; raw: string | null } | null = w ? null : { reason: "this pair no longer exists", raw: null };
    for (const c of w ? allChecks(w, p.judge) : []) {
      const r = replies.get(checkKey(item.id, w!.pairId, c));
      if (!r) { problem ??= { reason: `batch ${batchId} ended "${batch.status}" without a result for ${checkId(c)}`, raw: null }; continue; }
      if ("error" in r) { problem ??= { reason: `${checkId(c)}: ${r.error}`, raw: null }; continue; }
      usage.promptTokens += r.usage.promptTokens;
      usage.completionTokens += r.usage.completionTokens;
      const rawOutput = r.refusal ? `refusal: ${r.refusal}` : r.content;
      if (c.kind === "judge") {
        const j = parseJudge(r);
        if (!j.ok) { problem ??= { reason: `judge: ${j.reason}`, raw: rawOutput }; continue; }
        const row = judgeRow(c.pieces, { answer: j.reason, rawOutput, scores: j.scores });
        checks.push(row.row);
        judge = row.judge;
        continue;
      }
      const parsed = parseReply(r);
      if (!parsed.ok) { problem ??= { reason: `${checkId(c)}: ${parsed.reason}`, raw: rawOutput }; continue; }
      const m = matchAnswer(w!.answer, parsed.answer, w!.question);
      checks.push({ ...c, matched: m.matched, modelAnswer: parsed.answer, passed: checkPassed(c.kind, m.matched), rawOutput, method: m.method, score: m.score, reason: m.reason });
    }
    const spent = { usage, costUsd: costUsd(price, usage.promptTokens, usage.completionTokens, true), attempts: 1 };
    if (!problem && w) {
      const verdict = deriveVerdict(w.type, w.needed, checks);
      const stored = await storeVerified({ itemId: item.id, pairId: w.pairId, pairVersion: w.version, checks, ...verdict, judge, provider: p.provider, model: p.model,
        promptVersion: p.promptVersion, ...spent });
      tally.add(stored ? "succeeded" : "skipped", spent, { passed: verdict.passed, checks: checks.length });
    } else if (w && item.attempts + 1 <= p.maxInvalid) {
      await pool().query(
        `UPDATE verification_item SET status = 'pending', batch_id = NULL, error = $2, raw_response = $3, attempts = attempts + 1,
           prompt_tokens = prompt_tokens + $4, completion_tokens = completion_tokens + $5, cost_usd = cost_usd + $6, updated_at = now()
         WHERE id = $1 AND status <> 'succeeded'`, [item.id, problem!.reason, problem!.raw, usage.promptTokens, usage.completionTokens, spent.costUsd]);
      tally.add("skipped", spent);
    } else {
      await storeFailure(item.id, `${problem!.reason} (after ${item.attempts + 1} batch attempts)`, problem!.raw, spent);
      tally.add("failed", spent);
    }
  }
  await tally.report(ctx, `batch ${batchId}: ${batch.status}`);
}
