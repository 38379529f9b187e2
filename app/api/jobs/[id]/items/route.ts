import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { itemsQuery } from "@/lib/generate/api-schemas";
import { listItems } from "@/lib/generate/item-list";

export const GET = route({ role: "viewer", params: idParams, query: itemsQuery }, async ({ params, query }) => listItems(params.id, query));
