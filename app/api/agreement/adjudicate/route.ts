import { route } from "@/lib/api/route";
import { adjudicate, adjudicateBody } from "@/lib/agreement/overlap";

/** Settles a disagreement: the curator's decision becomes the pair's status. */
export const POST = route({ role: "curator", body: adjudicateBody }, async ({ body, user }) => adjudicate(body.pairId, user.id, body.decision));
