import type OpenAI from "openai";
import { openAiChat } from "@/lib/llm/openai-client";
import type { Usage } from "@/lib/llm/types";
import { JUDGE_FORMAT, JUDGE_SCORES, judgeMessages, verifyMessages, VERIFY_FORMAT, VERIFY_MAX_TOKENS } from "./prompts";
import { OFFLINE_VERIFIER_LABEL, readAnswer } from "./reader";

/**
 * A verifier answers one question from what it is given: nothing (closed-book) or some pieces. The `openai`
 * provider asks any OpenAI-compatible server; the offline one runs the extractive reader (not an LLM).
 */
export interface AskRequest {
  key: string;
  question: string;
  pieces: { piece: number; text: string }[] | null;
  /** set for the judge check: the pair's answer to grade */
  judgeAnswer?: string;
}
export interface AskReply { content: string; usage: Usage; raw: unknown; refusal: string | null }

export interface Verifier {
  ask(req: AskRequest, signal: AbortSignal): Promise<AskReply>;
}

export function openAiVerifier(sdk: OpenAI, model: string): Verifier {
  const chat = openAiChat(sdk);
  return {
    async ask(req, signal) {
      const judge = req.judgeAnswer !== undefined;
      const r = await chat.complete({
        model, messages: judge ? judgeMessages(req.question, req.judgeAnswer!, req.pieces ?? []) : verifyMessages(req.question, req.pieces),
        format: judge ? JUDGE_FORMAT : VERIFY_FORMAT, maxTokens: VERIFY_MAX_TOKENS, itemKey: req.key, signal,
      });
      return { ...r, refusal: refusalOf(r.raw) };
    },
  };
}

export function refusalOf(raw: unknown): string | null {
  const r = raw as { choices?: { message?: { refusal?: string | null } }[] } | null;
  return r?.choices?.[0]?.message?.refusal || null;
}

export const offlineVerifier: Verifier = {
  async ask(req) {
    if (req.judgeAnswer !== undefined) throw new Error("the offline verifier cannot judge: the judge score needs a model");
    const answer = readAnswer(req.question, req.pieces?.map((p) => p.text) ?? []);
    const body = { answerable: answer !== null, answer: answer ?? "" };
    return { content: JSON.stringify(body), usage: { promptTokens: 0, completionTokens: 0 }, raw: { verifier: "offline", note: OFFLINE_VERIFIER_LABEL, output: body }, refusal: null };
  },
};

export type ParsedReply = { ok: true; answer: string | null } | { ok: false; reason: string };

/** The model's reply: `{answerable, answer}`; a refusal counts as "cannot answer", anything else malformed is retried. */
export function parseReply(reply: Pick<AskReply, "content" | "refusal">): ParsedReply {
  if (reply.refusal) return { ok: true, answer: null };
  let json: unknown;
  try {
    json = JSON.parse(reply.content);
  } catch {
    return { ok: false, reason: reply.content.trim() ? "malformed JSON in the model's reply" : "empty reply" };
  }
  const j = json as { answerable?: unknown; answer?: unknown };
  if (typeof j !== "object" || j === null || typeof j.answerable !== "boolean" || typeof j.answer !== "string") {
    return { ok: false, reason: `schema violation: expected {"answerable": boolean, "answer": string}` };
  }
  const answer = j.answer.trim();
  return { ok: true, answer: j.answerable && answer ? answer : null };
}

export type JudgeScores = Record<(typeof JUDGE_SCORES)[number], number>;
export type ParsedJudge = { ok: true; scores: JudgeScores; reason: string } | { ok: false; reason: string };

/** The judge's reply: four integer scores 0–10 and a reason; anything else is malformed and asked again. */
export function parseJudge(reply: Pick<AskReply, "content" | "refusal">): ParsedJudge {
  if (reply.refusal) return { ok: false, reason: "the model refused to judge" };
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(reply.content) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: reply.content.trim() ? "malformed JSON in the judge's reply" : "empty reply" };
  }
  const scores = {} as JudgeScores;
  for (const k of JUDGE_SCORES) {
    const v = json?.[k];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 10) return { ok: false, reason: `schema violation: ${k} must be a score from 0 to 10` };
    scores[k] = Math.round(v);
  }
  return { ok: true, scores, reason: typeof json.reason === "string" ? json.reason.trim().slice(0, 500) : "" };
}
