import { z } from "zod";
import type { PairType } from "./prompts";

/**
 * Checks a model's output against the contract. Anything that fails here is retried and, after the
 * retry limit, recorded as the item's failure with this reason — never stored as an (empty) pair.
 * Whether the quotes really occur in the text is a quality question (lib/quality flags it), not a
 * schema one: a pair with a slightly misquoted support is still worth a reviewer's look.
 */
const nonEmpty = z.string().trim().min(1);

const single = z.object({
  question: nonEmpty.max(2000),
  answer: nonEmpty.max(4000),
  support: z.array(nonEmpty.max(4000)).min(1).max(20),
});

// One needed piece is kept (and flagged multi_few_pieces by lib/quality) rather than thrown away: a reviewer decides.
const multi = single.extend({ pieces: z.array(z.number().int()).min(1).max(16) });

export interface GeneratedQa { question: string; answer: string; support: string[]; pieces: number[] }

export type Validation = { ok: true; qa: GeneratedQa } | { ok: false; reason: string };

export function validateOutput(type: PairType, content: string, pieceCount: number): Validation {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, reason: content.trim() ? "malformed JSON in the model's reply" : "empty reply (or a refusal)" };
  }
  const parsed = (type === "single" ? single : multi).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `schema violation: ${issue?.path.join(".") || "reply"}: ${issue?.message ?? "invalid"}` };
  }
  const d = parsed.data;
  const pieces = "pieces" in d ? [...new Set(d.pieces as number[])].sort((a, b) => a - b) : [1];
  if (type === "multi") {
    const bad = pieces.find((p) => p < 1 || p > pieceCount);
    if (bad !== undefined) return { ok: false, reason: `schema violation: piece ${bad} does not exist (there are ${pieceCount})` };
  }
  return { ok: true, qa: { question: d.question.trim(), answer: d.answer.trim(), support: d.support.map((s) => s.trim()), pieces } };
}
