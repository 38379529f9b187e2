import { z } from "zod";
import { route } from "@/lib/api/route";
import { releaseLeases } from "@/lib/review-team/claim";

const releaseBody = z.object({ pairIds: z.array(z.number().int().positive()).min(1).max(100) });

/** Gives the caller's leased pairs back to the queue (a skip, or leaving the review page). */
export const POST = route({ role: "reviewer", body: releaseBody }, async ({ body, user }) => releaseLeases(user.id, body.pairIds));
