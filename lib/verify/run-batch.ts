import type OpenAI from "openai";
import type { JobContext } from "@/lib/jobs/define";
import { chatBody } from "@/lib/llm/openai-client";
import { costUsd, type Price } from "@/lib/llm/prices";
import { runBatch as runItems, type BatchJob } from "@/lib/model-items/batch";
import type { StopReason } from "@/lib/model-items/online";
import { verificationItems, type VerifyItem } from "./items";
import { matchAnswer } from "./match";
import type { VerifyParams } from "./params";
import { JUDGE_FORMAT, judgeMessages, verifyMessages, VERIFY_FORMAT, VERIFY_MAX_TOKENS } from "./prompts";
import { checkKey, judgeRow, pairEstimate, type CheckRow, type JudgeSummary } from "./run-pair";
import { loadPairs, verifiedOf } from "./run-online";
import { storeVerified, type VerifiedInput } from "./store";
import type { VerifyTally } from "./tally";
import { checkPassed, deriveVerdict, planChecks, type PlannedCheck } from "./verdict";
import { parseJudge, parseReply, refusalOf } from "./verifier";
import { piecesOf, type PairWork } from "./work";

/**
 * Batch verification: the shared Batch API loop (lib/model-items/batch.ts) with every check of a pair as one
 * request (ablations are sent up front, since a batch cannot wait for the evidence-only answer — they only count
 * when evidence-only matched). `custom_id` = the check's key, as online. A pair with an invalid or missing reply
 * is asked again in the next batch, up to `maxInvalid`; a pair that no longer exists fails at once.
 */
const checkId = (c: PlannedCheck) => `${c.kind}${c.pieceRemoved ? `-${c.pieceRemoved}` : ""}`;
const allChecks = (w: PairWork, judge: boolean): PlannedCheck[] => {
  const pl = planChecks(w.type, w.needed);
  return [...pl.first, ...pl.ablation, ...(judge ? [{ kind: "judge" as const, pieces: w.needed, pieceRemoved: null }] : [])];
};

export async function runBatch(ctx: JobContext, p: VerifyParams, sdk: OpenAI, price: Price | null, tally: VerifyTally): Promise<StopReason> {
  const job: BatchJob<VerifyItem, PairWork, VerifiedInput> = {
    items: verificationItems,
    label: "verification",
    noun: "pair",
    metadata: { in2_kind: "verify" },
    load: loadPairs,
    estimate: (_item, w) => pairEstimate(w, p.judge),
    requests: (item, w) => allChecks(w, p.judge).map((c) => {
      const judge = c.kind === "judge";
      return { custom_id: checkKey(item.id, w.pairId, c), method: "POST" as const, url: "/v1/chat/completions" as const,
        body: chatBody({ model: p.model, messages: judge ? judgeMessages(w.question, w.answer, piecesOf(w, c.pieces)) : verifyMessages(w.question, c.kind === "closed_book" ? null : piecesOf(w, c.pieces)),
          format: judge ? JUDGE_FORMAT : VERIFY_FORMAT, maxTokens: VERIFY_MAX_TOKENS }) };
    }),
    collect(item, w, replies, batch) {
      const usage = { promptTokens: 0, completionTokens: 0 };
      const spent = () => ({ usage, costUsd: costUsd(price, usage.promptTokens, usage.completionTokens, true) });
      if (typeof w === "string") return { ok: false, reason: w, raw: null, final: true, ...spent() };
      const checks: CheckRow[] = [];
      let judge: JudgeSummary | undefined;
      let problem: { reason: string; raw: string | null } | null = null;
      for (const c of allChecks(w, p.judge)) {
        const r = replies.get(checkKey(item.id, w.pairId, c));
        if (!r) { problem ??= { reason: `batch ${batch.id} ended "${batch.status}" without a result for ${checkId(c)}`, raw: null }; continue; }
        if ("error" in r) { problem ??= { reason: `${checkId(c)}: ${r.error}`, raw: null }; continue; }
        usage.promptTokens += r.reply.usage.promptTokens;
        usage.completionTokens += r.reply.usage.completionTokens;
        const reply = { content: r.reply.content, refusal: refusalOf(r.reply.raw) };
        const rawOutput = reply.refusal ? `refusal: ${reply.refusal}` : reply.content;
        if (c.kind === "judge") {
          const j = parseJudge(reply);
          if (!j.ok) { problem ??= { reason: `judge: ${j.reason}`, raw: rawOutput }; continue; }
          const row = judgeRow(c.pieces, { answer: j.reason, rawOutput, scores: j.scores });
          checks.push(row.row);
          judge = row.judge;
          continue;
        }
        const parsed = parseReply(reply);
        if (!parsed.ok) { problem ??= { reason: `${checkId(c)}: ${parsed.reason}`, raw: rawOutput }; continue; }
        const m = matchAnswer(w.answer, parsed.answer, w.question);
        checks.push({ ...c, matched: m.matched, modelAnswer: parsed.answer, passed: checkPassed(c.kind, m.matched), rawOutput, method: m.method, score: m.score, reason: m.reason });
      }
      if (problem) return { ok: false, ...problem, ...spent() };
      return { ok: true, result: verifiedOf(p, item, w, { checks, ...deriveVerdict(w.type, w.needed, checks), judge, ...spent(), attempts: 1 }) };
    },
    store: storeVerified,
  };
  return runItems(ctx, p, sdk, price, tally, job);
}
