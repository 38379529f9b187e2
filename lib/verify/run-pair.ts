import { costUsd, type Price } from "@/lib/llm/prices";
import { askWithRetry, type AskOptions, type Spent } from "./ask";
import { matchAnswer, type MatchMethod } from "./match";
import { VERIFY_MAX_TOKENS, verifyPromptTokens } from "./prompts";
import { ablationApplies, checkPassed, deriveVerdict, planChecks, type CheckOutcome, type PlannedCheck, type VerdictFlag } from "./verdict";
import type { JudgeScores, Verifier } from "./verifier";
import { piecesOf, tokensOf, type PairWork } from "./work";

/**
 * All checks of one pair, one after another in the lane that holds it (so a job never has more requests in
 * flight than its concurrency): closed-book, evidence-only, then — for a multi pair whose evidence-only answer
 * matched — one ablation per needed piece. Every answer is matched here (lib/verify/match.ts).
 */
export interface CheckRow extends CheckOutcome { passed: boolean; rawOutput: string; method: MatchMethod | "judge"; score: number; reason: string }

export type PairResult =
  | ({ ok: true; checks: CheckRow[]; passed: boolean; flags: VerdictFlag[]; judge?: JudgeSummary } & Spent)
  | ({ ok: false; reason: string; raw: string | null; fatal: boolean } & Spent);

export interface JudgeSummary extends JudgeScores { reason: string }

/** The judge's check row: scores in the reason, their mean (0–1) as the score; it passes, never flags. */
export function judgeRow(needed: number[], r: { answer: string | null; rawOutput: string; scores?: JudgeScores }): { row: CheckRow; judge: JudgeSummary } {
  const s = r.scores!;
  const mean = (s.specificity + s.answerability + s.faithfulness + s.answer_quality) / 40;
  return {
    judge: { ...s, reason: r.answer ?? "" },
    row: { kind: "judge", pieces: needed, pieceRemoved: null, matched: true, passed: true, modelAnswer: r.answer, rawOutput: r.rawOutput, method: "judge", score: mean,
      reason: `specificity ${s.specificity} · answerability ${s.answerability} · faithfulness ${s.faithfulness} · answer quality ${s.answer_quality} (of 10)` },
  };
}

/** A request key per check: the test server scripts replies by it, and server logs can tell checks apart. */
export function checkKey(itemId: number, pairId: number, c: PlannedCheck): string {
  return `verify-${itemId}|${pairId}|${c.kind}${c.pieceRemoved ? `-${c.pieceRemoved}` : ""}`;
}

/** Worst-case tokens of a pair's checks (prompt estimate + the completion cap each), for the budget and the estimate. */
export function pairEstimate(w: Pick<PairWork, "type" | "needed" | "question" | "pieces">, judge = false): { calls: number; prompt: number; completion: number } {
  const { first, ablation } = planChecks(w.type, w.needed);
  const all = [...first, ...ablation, ...(judge ? [{ kind: "judge" as const, pieces: w.needed, pieceRemoved: null }] : [])];
  const prompt = all.reduce((a, c) => a + verifyPromptTokens(w.question, tokensOf(w as PairWork, c.pieces), c.pieces.length), 0);
  return { calls: all.length, prompt, completion: all.length * VERIFY_MAX_TOKENS };
}

export async function verifyPair(v: Verifier, itemId: number, w: PairWork, o: Omit<AskOptions, "reserveTokens"> & { judge?: boolean }): Promise<PairResult> {
  const spent: Spent = { usage: { promptTokens: 0, completionTokens: 0 }, costUsd: 0, attempts: 0 };
  const checks: CheckRow[] = [];
  let judge: JudgeSummary | undefined;
  const run = async (c: PlannedCheck): Promise<PairResult | null> => {
    const reserveTokens = verifyPromptTokens(w.question, tokensOf(w, c.pieces), c.pieces.length) + VERIFY_MAX_TOKENS;
    const r = await askWithRetry(v, { key: checkKey(itemId, w.pairId, c), question: w.question, pieces: c.kind === "closed_book" ? null : piecesOf(w, c.pieces),
      judgeAnswer: c.kind === "judge" ? w.answer : undefined }, { ...o, reserveTokens });
    spent.usage.promptTokens += r.usage.promptTokens;
    spent.usage.completionTokens += r.usage.completionTokens;
    spent.attempts += r.attempts;
    spent.costUsd = costUsd(o.price, spent.usage.promptTokens, spent.usage.completionTokens);
    if (!r.ok) return { ...r, reason: `${c.kind.replace("_", "-")}${c.pieceRemoved ? ` without piece ${c.pieceRemoved}` : ""}: ${r.reason}`, ...spent };
    if (c.kind === "judge") {
      const j = judgeRow(c.pieces, r);
      checks.push(j.row);
      judge = j.judge;
      return null;
    }
    const m = matchAnswer(w.answer, r.answer, w.question);
    checks.push({ ...c, matched: m.matched, modelAnswer: r.answer, passed: checkPassed(c.kind, m.matched), rawOutput: r.rawOutput, method: m.method, score: m.score, reason: m.reason });
    return null;
  };
  const { first, ablation } = planChecks(w.type, w.needed);
  for (const c of first) {
    const failed = await run(c);
    if (failed) return failed;
  }
  if (ablationApplies(checks)) {
    for (const c of ablation) {
      const failed = await run(c);
      if (failed) return failed;
    }
  }
  if (o.judge) {
    const failed = await run({ kind: "judge", pieces: w.needed, pieceRemoved: null });
    if (failed) return failed;
  }
  const verdict = deriveVerdict(w.type, w.needed, checks);
  return { ok: true, checks, ...verdict, judge, ...spent };
}

export type { Price };
