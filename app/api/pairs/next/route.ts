import { route } from "@/lib/api/route";
import { nextPairs } from "@/lib/pairs/queue";
import { queueQuery } from "@/lib/pairs/schemas";

export const GET = route({ role: "viewer", query: queueQuery }, async ({ query }) => nextPairs(query));
