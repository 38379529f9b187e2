import { route } from "@/lib/api/route";
import { listContexts } from "@/lib/contexts/list";
import { contextListQuery } from "@/lib/contexts/schemas";

export const GET = route({ role: "viewer", query: contextListQuery }, async ({ query }) => ({ contexts: await listContexts(query) }));
