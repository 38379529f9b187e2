import { DEFAULT_OPENAI_MODEL, OFFLINE_MODEL } from "./params";
import { priceTable } from "@/lib/llm/prices";
import { OFFLINE_LABEL } from "./offline";
import { PROMPT_VERSION } from "./prompts";

/** What the generate form offers: which providers can run here, default model, known prices. */
export function generationOptions() {
  const openai = Boolean(process.env.OPENAI_API_KEY);
  let prices: Record<string, { input: number; output: number }> = {};
  let priceError: string | null = null;
  try {
    prices = priceTable();
  } catch (err) {
    priceError = (err as Error).message;
  }
  return {
    providers: [
      { name: "openai", available: openai, note: openai ? `OpenAI-compatible server at ${process.env.OPENAI_BASE_URL || "api.openai.com"}` : "set OPENAI_API_KEY (and OPENAI_BASE_URL) to use it" },
      { name: "offline", available: true, note: OFFLINE_LABEL },
    ],
    defaultProvider: openai ? "openai" : "offline",
    defaultModel: process.env.IN2_OPENAI_MODEL ?? DEFAULT_OPENAI_MODEL,
    offlineModel: OFFLINE_MODEL,
    promptVersion: PROMPT_VERSION,
    prices,
    priceError,
  };
}
export type GenerationOptions = ReturnType<typeof generationOptions>;
