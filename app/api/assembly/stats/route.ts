import { route } from "@/lib/api/route";
import { balanceStats } from "@/lib/contexts/balance";
import { balanceQuery } from "@/lib/contexts/schemas";

/** Balance charts' data: one run (?runId=) or the current dataset. */
export const GET = route({ role: "viewer", query: balanceQuery }, async ({ query }) => balanceStats(query.runId ?? null));
