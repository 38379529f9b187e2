import { route } from "@/lib/api/route";
import { verifyRequest } from "@/lib/verify/api-schemas";
import { estimateVerification, prepareVerification } from "@/lib/verify/start";

/** Pairs, checks, tokens and an upper bound of the cost, before starting. */
export const POST = route({ role: "curator", body: verifyRequest }, async ({ body }) => estimateVerification(prepareVerification(body)));
