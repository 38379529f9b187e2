import { callWithRetry, type RetryOptions } from "@/lib/model-items/call";
import type { Spent } from "@/lib/model-items/items";
import { parseJudge, parseReply, type AskReply, type AskRequest, type JudgeScores, type Verifier } from "./verifier";

/**
 * One check to the end under the shared retry policy (lib/model-items/call.ts): a reply is valid when it reads as
 * an answer (or, for the judge, as four scores); malformed replies are asked again up to `maxInvalid` times.
 */
export type AskOptions = RetryOptions;
export type { Spent };

export type AskResult =
  | ({ ok: true; answer: string | null; rawOutput: string; scores?: JudgeScores } & Spent)
  | ({ ok: false; reason: string; raw: string | null; fatal: boolean } & Spent);

const rawOutputOf = (r: AskReply) => (r.refusal ? `refusal: ${r.refusal}` : r.content);

export async function askWithRetry(v: Verifier, req: AskRequest, o: AskOptions): Promise<AskResult> {
  const judge = req.judgeAnswer !== undefined;
  const r = await callWithRetry((signal) => v.ask(req, signal), (reply) => {
    if (judge) {
      const j = parseJudge(reply);
      return j.ok ? { ok: true, value: { answer: j.reason as string | null, scores: j.scores as JudgeScores | undefined } } : { ok: false, reason: j.reason, raw: rawOutputOf(reply) };
    }
    const parsed = parseReply(reply);
    return parsed.ok ? { ok: true, value: { answer: parsed.answer, scores: undefined } } : { ok: false, reason: parsed.reason, raw: rawOutputOf(reply) };
  }, o);
  if (!r.ok) return r;
  const { value, reply, ...spent } = r;
  return { ...spent, answer: value.answer, rawOutput: rawOutputOf(reply), ...(value.scores ? { scores: value.scores } : {}) };
}
