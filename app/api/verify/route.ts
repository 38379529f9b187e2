import { route } from "@/lib/api/route";
import { verifyRequest } from "@/lib/verify/api-schemas";
import { startVerification } from "@/lib/verify/start";

/** Starts a verification job over a selection (pair ids, a generation job, or the pairs filter). */
export const POST = route({ role: "curator", body: verifyRequest }, async ({ body, user }) => startVerification(body, user.id));
