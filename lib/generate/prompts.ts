import type { ChatMessage, JsonSchemaFormat } from "@/lib/llm/types";

/**
 * The prompts, versioned: every pair records the version it was written with, and the version is part of
 * each item's key, so changing a prompt means bumping PROMPT_VERSION (old pairs stay comparable, and a new
 * run does not mistake old items for finished new ones).
 */
export const PROMPT_VERSION = "in2-qa-v1";

export type PairType = "single" | "multi";

// The paper's question rules (An et al., 2024, §2.1), spelled out for the model.
const RULES = `Rules for the question:
- It must be specific to this text: a reader who has not seen it cannot answer it from general knowledge, and it is not a generic question that fits any article.
- It must be fully answerable from the text alone, and have one unambiguous answer.
- Never refer to the text itself: no "according to the context", "in the passage", "the article says", "in piece 2" or similar. Name people, places, organisations and dates explicitly instead.
Rules for the answer:
- Answer in your own words, using only information from the text; one to three sentences.
- "support" lists short verbatim quotes copied exactly (character for character) from the text that contain the information of the answer.`;

const SINGLE_SYSTEM = `You write one question-answer pair about a short news text, for training a model to find information in long documents.
${RULES}
Reply with a JSON object {"question", "answer", "support"}.`;

const MULTI_SYSTEM = `You write one multi-hop question-answer pair about a news text given as numbered pieces ("# Piece 1", "# Piece 2", …), for training a model to integrate information spread over a long document.
${RULES}
- The question must need information from at least two different pieces: answering it from any single piece must be impossible.
- "pieces" lists the numbers of the pieces the answer needs (at least two), and "support" has at least one quote from each of them.
Reply with a JSON object {"question", "answer", "support", "pieces"}.`;

export function renderPieces(texts: string[]): string {
  return texts.map((t, i) => `# Piece ${i + 1}\n${t}`).join("\n\n");
}

/** A saved prompt version from the prompt lab (lib/prompts): its system text and, optionally, its output schema. */
export interface CustomPrompt { system: string; format?: JsonSchemaFormat }

export function buildMessages(type: PairType, texts: string[], custom?: CustomPrompt): ChatMessage[] {
  if (type === "single") return [{ role: "system", content: custom?.system ?? SINGLE_SYSTEM }, { role: "user", content: texts[0] ?? "" }];
  return [{ role: "system", content: custom?.system ?? MULTI_SYSTEM }, { role: "user", content: renderPieces(texts) }];
}

/** The built-in system prompt of a type (the prompt lab starts its first version from it). */
export function builtinSystem(type: PairType): string {
  return type === "single" ? SINGLE_SYSTEM : MULTI_SYSTEM;
}

const base = {
  question: { type: "string", description: "the question" },
  answer: { type: "string", description: "the answer, in your own words" },
  support: { type: "array", items: { type: "string" }, description: "verbatim quotes from the text" },
};

export function outputFormat(type: PairType, custom?: CustomPrompt): JsonSchemaFormat {
  if (custom?.format) return custom.format;
  if (type === "single") {
    return { name: "qa_pair", schema: { type: "object", properties: base, required: ["question", "answer", "support"], additionalProperties: false } };
  }
  return {
    name: "multi_hop_qa_pair",
    schema: {
      type: "object",
      properties: { ...base, pieces: { type: "array", items: { type: "integer" }, description: "numbers of the pieces the answer needs" } },
      required: ["question", "answer", "support", "pieces"],
      additionalProperties: false,
    },
  };
}

/** Upper bound we allow for the completion; also what the estimate and the tokens/min limiter reserve. */
export function maxCompletionTokens(type: PairType): number {
  return type === "single" ? 400 : 600;
}

/** Rough prompt size in tokens without a tokenizer round-trip: ~4 characters per token for English. */
export function promptOverheadTokens(type: PairType, pieces: number): number {
  const system = type === "single" ? SINGLE_SYSTEM : MULTI_SYSTEM;
  return Math.ceil(system.length / 4) + 12 + pieces * 6;
}
