import { route } from "@/lib/api/route";
import { buildAndSaveProbeSet } from "@/lib/probe/build-set";
import { buildProbeBody } from "@/lib/probe/schemas";
import { listProbeSets } from "@/lib/probe/sets";
import { apiTokenizer } from "@/lib/tokenize/policy";

/** Through the API an hf: tokenizer must come from the admin's tokenizer directory (lib/tokenize/policy.ts). */
const apiBuildBody = buildProbeBody.extend({ tokenizer: apiTokenizer.optional() });

export const GET = route({ role: "viewer" }, async () => ({ sets: await listProbeSets() }));

/** Curators build sets (as they import and export); synchronous: 4 × 32K contexts take about a second with the fast Mistral tokenizer. */
export const POST = route({ role: "curator", body: apiBuildBody }, async ({ body }) => ({ set: await buildAndSaveProbeSet(body) }));
