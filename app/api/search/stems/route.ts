import { z } from "zod";
import { route } from "@/lib/api/route";
import { queryStems } from "@/lib/search/highlight";

/** The English stems a search looks for, so the UI can say why a word form matched. */
export const GET = route({ role: "viewer", query: z.object({ q: z.string().max(500) }) }, async ({ query }) => ({ stems: await queryStems(query.q) }));
