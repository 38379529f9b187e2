import { route } from "@/lib/api/route";
import { countPairs } from "@/lib/pairs/list";
import { pairFilter } from "@/lib/pairs/schemas";

export const GET = route({ role: "viewer", query: pairFilter }, async ({ query }) => ({ count: await countPairs(query) }));
