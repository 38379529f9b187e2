import { z } from "zod";
import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { retryFailedItems } from "@/lib/generate/items";

/** `?item=ID` retries one failed item; without it, all of the job's failed items. */
const retryQuery = z.object({ item: z.coerce.number().int().positive().optional() });

export const POST = route({ role: "curator", params: idParams, query: retryQuery }, async ({ params, query }) => ({
  retried: await retryFailedItems(params.id, query.item),
}));
