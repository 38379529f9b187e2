import { route } from "@/lib/api/route";
import { promptComparison } from "@/lib/prompts/comparison";

/** Per prompt version × model: pairs, accept rate with its 95% Wilson interval, flag and verdict rates, tokens, $ per accepted pair. */
export const GET = route({ role: "viewer" }, async () => ({ rows: await promptComparison() }));
