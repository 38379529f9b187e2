import { DEFAULT_OPENAI_MODEL } from "@/lib/generate/params";
import { VERIFY_PROMPT_VERSION } from "./prompts";
import { OFFLINE_VERIFIER_LABEL, OFFLINE_VERIFIER_MODEL } from "./reader";
import { F1_THRESHOLD } from "./match";

/** What the verify dialog offers: which providers can run here, default model, the prompt version and matching rule. */
export function verifyOptions() {
  const openai = Boolean(process.env.OPENAI_API_KEY);
  return {
    providers: [
      { name: "openai", available: openai, note: openai ? `OpenAI-compatible server at ${process.env.OPENAI_BASE_URL || "api.openai.com"}` : "set OPENAI_API_KEY (and OPENAI_BASE_URL) to use it" },
      { name: "offline", available: true, note: OFFLINE_VERIFIER_LABEL },
    ],
    defaultProvider: openai ? "openai" : "offline",
    defaultModel: process.env.IN2_VERIFY_MODEL ?? process.env.IN2_OPENAI_MODEL ?? DEFAULT_OPENAI_MODEL,
    offlineModel: OFFLINE_VERIFIER_MODEL,
    promptVersion: VERIFY_PROMPT_VERSION,
    matching: `token F1 ≥ ${F1_THRESHOLD} over content words; numbers and names of the answer must agree`,
  };
}
export type VerifyOptions = ReturnType<typeof verifyOptions>;
