import { openAiSdk } from "@/lib/llm/openai-client";
import { priceFor, type Price } from "@/lib/llm/prices";
import type { VerifyParams } from "./params";
import { offlineVerifier, openAiVerifier, type Verifier } from "./verifier";
import type OpenAI from "openai";

/**
 * Which model answers the checks. Today: `--provider openai|offline --model M`, exactly like generation
 * (OPENAI_API_KEY / OPENAI_BASE_URL). Seam: when admin-managed endpoints (lib/endpoints) land, resolve the
 * endpoint's base URL, key and price here — the job, CLI and API already pass provider + model through.
 */
export interface ResolvedVerifier { verifier: Verifier; sdk: OpenAI | null; price: Price | null; label: string }

export function resolveVerifier(p: Pick<VerifyParams, "provider" | "model" | "mode" | "timeoutMs">): ResolvedVerifier {
  if (p.provider === "offline") return { verifier: offlineVerifier, sdk: null, price: { input: 0, output: 0 }, label: `offline (not an LLM) · ${p.model}` };
  const sdk = openAiSdk({ timeoutMs: p.timeoutMs });
  return { verifier: openAiVerifier(sdk, p.model), sdk, price: priceFor(p.model), label: `${p.provider} · ${p.model}${p.mode === "batch" ? " · batch" : ""}` };
}
