import { route } from "@/lib/api/route";
import { verdictsQuery } from "@/lib/verify/api-schemas";
import { verdictsOf } from "@/lib/verify/queries";

/** Verdict summaries of the pairs of one table page. */
export const GET = route({ role: "viewer", query: verdictsQuery }, async ({ query }) => verdictsOf(query.ids));
