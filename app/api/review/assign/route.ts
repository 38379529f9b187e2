import { route } from "@/lib/api/route";
import { assignBody, assignSlice } from "@/lib/review-team/assign";

/** Assigns a slice's pending pairs to people (long queue leases, split evenly). */
export const POST = route({ role: "admin", body: assignBody }, async ({ body }) => assignSlice(body));
