import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { retryFailedItems } from "@/lib/generate/items";

export const POST = route({ role: "curator", params: idParams }, async ({ params }) => ({ retried: await retryFailedItems(params.id) }));
