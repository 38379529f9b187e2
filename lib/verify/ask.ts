import { backoffDelay } from "@/lib/llm/backoff";
import { classifyError } from "@/lib/llm/errors";
import { costUsd, type Price } from "@/lib/llm/prices";
import { realClock, type Clock, type RateLimiter } from "@/lib/llm/rate-limiter";
import type { Usage } from "@/lib/llm/types";
import { parseJudge, parseReply, type AskRequest, type JudgeScores, type Verifier } from "./verifier";

/**
 * One check to the end, with generation's policy (lib/generate/call-with-retry.ts): rate-limited attempts; 429
 * pauses every lane for Retry-After; 5xx and timeouts back off with jitter up to `maxRetries`; malformed replies
 * are asked again up to `maxInvalid` times. Tokens of failed attempts count too — they were paid for.
 */
export interface AskOptions {
  limiter: RateLimiter;
  maxRetries: number;
  maxInvalid: number;
  backoffBaseMs: number;
  price: Price | null;
  reserveTokens: number;
  signal: AbortSignal;
  clock?: Clock;
}

export interface Spent { usage: Usage; costUsd: number; attempts: number }
export type AskResult =
  | ({ ok: true; answer: string | null; rawOutput: string; scores?: JudgeScores } & Spent)
  | ({ ok: false; reason: string; raw: string | null; fatal: boolean } & Spent);

export async function askWithRetry(v: Verifier, req: AskRequest, o: AskOptions): Promise<AskResult> {
  const clock = o.clock ?? realClock;
  const usage: Usage = { promptTokens: 0, completionTokens: 0 };
  let attempts = 0;
  let transient = 0;
  let invalid = 0;
  const spent = (): Spent => ({ usage: { ...usage }, costUsd: costUsd(o.price, usage.promptTokens, usage.completionTokens), attempts });
  for (;;) {
    await o.limiter.acquire(o.reserveTokens, o.signal);
    attempts++;
    try {
      const r = await v.ask(req, o.signal);
      usage.promptTokens += r.usage.promptTokens;
      usage.completionTokens += r.usage.completionTokens;
      o.limiter.settle(o.reserveTokens, r.usage.promptTokens + r.usage.completionTokens);
      const rawOutput = r.refusal ? `refusal: ${r.refusal}` : r.content;
      if (req.judgeAnswer !== undefined) {
        const j = parseJudge(r);
        if (j.ok) return { ok: true, answer: j.reason, scores: j.scores, rawOutput, ...spent() };
        if (++invalid > o.maxInvalid) return { ok: false, reason: `${j.reason} (${invalid} replies, none valid)`, raw: rawOutput, fatal: false, ...spent() };
        continue;
      }
      const parsed = parseReply(r);
      if (parsed.ok) return { ok: true, answer: parsed.answer, rawOutput, ...spent() };
      if (++invalid > o.maxInvalid) return { ok: false, reason: `${parsed.reason} (${invalid} replies, none valid)`, raw: rawOutput, fatal: false, ...spent() };
    } catch (err) {
      const c = classifyError(err);
      if (c.kind === "aborted" || o.signal.aborted) throw err;
      if (c.kind === "fatal" || c.kind === "item") return { ok: false, reason: c.message, raw: errorBody(err), fatal: c.kind === "fatal", ...spent() };
      if (++transient > o.maxRetries) return { ok: false, reason: `${c.message} (gave up after ${attempts} attempts)`, raw: errorBody(err), fatal: false, ...spent() };
      const wait = c.retryAfterMs ?? backoffDelay(transient, { baseMs: o.backoffBaseMs, maxMs: 60_000 });
      if (c.kind === "rate_limited") o.limiter.pause(wait);
      else await clock.sleep(wait, o.signal);
    }
  }
}

function errorBody(err: unknown): string | null {
  const e = err as { error?: unknown; message?: string };
  if (e.error) return JSON.stringify(e.error);
  return e.message ?? null;
}
