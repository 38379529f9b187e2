import { route } from "@/lib/api/route";
import { recheckQuality } from "@/lib/pairs/quality";
import { recheckBody } from "@/lib/pairs/schemas";

export const POST = route({ body: recheckBody }, async ({ body }) => recheckQuality(body.pairIds));
