import { endpointSdk } from "@/lib/llm/openai-client";
import { priceFor, type Price } from "@/lib/llm/prices";
import type { VerifyParams } from "./params";
import { offlineVerifier, openAiVerifier, type Verifier } from "./verifier";
import type OpenAI from "openai";

/**
 * Which model answers the checks: `--provider openai|offline --model M [--endpoint NAME]`, exactly like
 * generation — an admin-managed endpoint (lib/endpoints) by name, else the environment's OPENAI_* one.
 */
export interface ResolvedVerifier { verifier: Verifier; sdk: OpenAI | null; price: Price | null; label: string }

export async function resolveVerifier(p: Pick<VerifyParams, "provider" | "endpoint" | "model" | "mode" | "timeoutMs">): Promise<ResolvedVerifier> {
  if (p.provider === "offline") return { verifier: offlineVerifier, sdk: null, price: { input: 0, output: 0 }, label: `offline (not an LLM) · ${p.model}` };
  const sdk = await endpointSdk(p.endpoint, p.model, { timeoutMs: p.timeoutMs });
  return { verifier: openAiVerifier(sdk, p.model), sdk, price: priceFor(p.model),
    label: `${p.endpoint ?? p.provider} · ${p.model}${p.mode === "batch" ? " · batch" : ""}` };
}
