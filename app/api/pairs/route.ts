import { route } from "@/lib/api/route";
import { listPairs } from "@/lib/pairs/list";
import { pairListQuery } from "@/lib/pairs/schemas";

export const GET = route({ role: "viewer", query: pairListQuery }, async ({ query }) => listPairs(query));
