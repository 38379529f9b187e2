import { route } from "@/lib/api/route";
import { overlapBody, routeOverlap } from "@/lib/agreement/overlap";

/** Routes a seeded fraction of a slice's pending pairs to two reviewers, blind to each other. */
export const POST = route({ role: "curator", body: overlapBody }, async ({ body }) => routeOverlap(body));
