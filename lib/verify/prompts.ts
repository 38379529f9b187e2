import type { ChatMessage, JsonSchemaFormat } from "@/lib/llm/types";

/**
 * The verification prompt, versioned like the generation prompts: every check records the version, and the
 * version is part of each item's key, so changing the prompt means bumping VERIFY_PROMPT_VERSION (old verdicts
 * stay comparable and a new run verifies again instead of mistaking old items for finished new ones).
 *
 * One prompt serves every check; only what it is given differs: nothing (closed-book), the evidence pieces
 * (evidence-only), or the evidence pieces minus one (ablation). Pieces keep their original numbers.
 */
export const VERIFY_PROMPT_VERSION = "in2-verify-v1";

export const CLOSED_BOOK_SYSTEM = `Answer the question from your own knowledge. You are given no text.
If you do not know the answer for certain, or the question is about a specific text you have not seen, set "answerable" to false and leave "answer" empty. Do not guess.
Otherwise set "answerable" to true and give a short answer (a few words to one sentence).
Reply with a JSON object {"answerable", "answer"}.`;

export const WITH_TEXT_SYSTEM = `Answer the question using ONLY the text below (given as numbered pieces). Ignore anything you know that the text does not say.
If the text does not contain everything needed to answer, set "answerable" to false and leave "answer" empty. Do not guess.
Otherwise set "answerable" to true and give a short answer (a few words to one sentence).
Reply with a JSON object {"answerable", "answer"}.`;

/** `pieces` = null for closed-book; otherwise the pieces given, with their original numbers. */
export function verifyMessages(question: string, pieces: { piece: number; text: string }[] | null): ChatMessage[] {
  if (pieces === null) return [{ role: "system", content: CLOSED_BOOK_SYSTEM }, { role: "user", content: `Question: ${question}` }];
  const body = pieces.map((p) => `# Piece ${p.piece}\n${p.text}`).join("\n\n");
  return [{ role: "system", content: WITH_TEXT_SYSTEM }, { role: "user", content: `${body}\n\nQuestion: ${question}` }];
}

export const VERIFY_FORMAT: JsonSchemaFormat = {
  name: "verification_answer",
  schema: {
    type: "object",
    properties: {
      answerable: { type: "boolean", description: "false when the question cannot be answered from what was given" },
      answer: { type: "string", description: "a short answer, empty when not answerable" },
    },
    required: ["answerable", "answer"],
    additionalProperties: false,
  },
};

export const VERIFY_MAX_TOKENS = 200;

/** Rough prompt size in tokens without a tokenizer round-trip (~4 characters a token), plus the pieces' tokens. */
export function verifyPromptTokens(question: string, pieceTokens: number, pieces: number): number {
  return Math.ceil((WITH_TEXT_SYSTEM.length + question.length) / 4) + 12 + pieces * 6 + pieceTokens;
}

/** The optional judge (off by default): LongReward-style 0–10 scores with a one-line reason; it never decides a verdict. */
export const JUDGE_SYSTEM = `You grade one question-answer pair written about a text (given as numbered pieces), for training a model to use long contexts. Score each from 0 to 10:
- specificity: the question is specific to this text (not answerable from general knowledge, not a generic question);
- answerability: the text fully and unambiguously answers it;
- faithfulness: the answer says only what the text supports;
- answer_quality: the answer is correct, complete and concise.
Give a one-line reason. Reply with a JSON object {"specificity", "answerability", "faithfulness", "answer_quality", "reason"}.`;

export const JUDGE_SCORES = ["specificity", "answerability", "faithfulness", "answer_quality"] as const;

export function judgeMessages(question: string, answer: string, pieces: { piece: number; text: string }[]): ChatMessage[] {
  const body = pieces.map((p) => `# Piece ${p.piece}\n${p.text}`).join("\n\n");
  return [{ role: "system", content: JUDGE_SYSTEM }, { role: "user", content: `${body}\n\nQuestion: ${question}\nAnswer: ${answer}` }];
}

export const JUDGE_FORMAT: JsonSchemaFormat = {
  name: "pair_judgement",
  schema: {
    type: "object",
    properties: {
      ...Object.fromEntries(JUDGE_SCORES.map((k) => [k, { type: "integer", description: "0 (bad) to 10 (excellent)" }])),
      reason: { type: "string", description: "one line" },
    },
    required: [...JUDGE_SCORES, "reason"],
    additionalProperties: false,
  },
};
