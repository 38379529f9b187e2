import type OpenAI from "openai";
import { openAiChat } from "@/lib/llm/openai-client";
import type { Usage } from "@/lib/llm/types";
import { OFFLINE_LABEL, offlinePair } from "./offline";
import type { GenerateParams } from "./params";
import { buildMessages, maxCompletionTokens, outputFormat } from "./prompts";

/** One attempt at an item: the reply text (expected JSON), usage, and the raw response to keep. */
export interface Attempt { content: string; usage: Usage; raw: unknown }

export interface Generator {
  attempt(item: { key: string; type: "single" | "multi" }, texts: string[], signal: AbortSignal): Promise<Attempt>;
}

/** An item the generator itself cannot do (not worth retrying). */
export class ItemError extends Error {}

export function openAiGenerator(sdk: OpenAI, p: Pick<GenerateParams, "model" | "prompt">): Generator {
  const chat = openAiChat(sdk);
  return {
    attempt(item, texts, signal) {
      return chat.complete({
        model: p.model, messages: buildMessages(item.type, texts, p.prompt), format: outputFormat(item.type, p.prompt),
        maxTokens: maxCompletionTokens(item.type), itemKey: item.key, signal,
      });
    },
  };
}

export const offlineGenerator: Generator = {
  async attempt(item, texts) {
    const qa = offlinePair(item.type, texts, item.key);
    if (!qa) throw new ItemError(item.type === "single"
      ? "offline generator: no sentence in this segment carries a date, number or name to ask about"
      : "offline generator: fewer than two pieces carry a date, number or name, so no two-piece question is possible");
    const body = item.type === "single" ? { question: qa.question, answer: qa.answer, support: qa.support } : qa;
    const content = JSON.stringify(body);
    return { content, usage: { promptTokens: 0, completionTokens: 0 }, raw: { generator: "offline", note: OFFLINE_LABEL, output: body } };
  },
};
