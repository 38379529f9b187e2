import { route } from "@/lib/api/route";
import { buildAndSaveProbeSet } from "@/lib/probe/build-set";
import { buildProbeBody } from "@/lib/probe/schemas";
import { listProbeSets } from "@/lib/probe/sets";

export const GET = route({ role: "viewer" }, async () => ({ sets: await listProbeSets() }));

/** Curators build sets (as they import and export); synchronous: 4 × 32K contexts take about a second with the fast Mistral tokenizer. */
export const POST = route({ role: "curator", body: buildProbeBody }, async ({ body }) => ({ set: await buildAndSaveProbeSet(body) }));
