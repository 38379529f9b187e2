import { route } from "@/lib/api/route";
import { bulkUpdate } from "@/lib/pairs/bulk";
import { bulkBody } from "@/lib/pairs/schemas";
import { currentUserId } from "@/lib/review/current-user";

export const POST = route({ body: bulkBody }, async ({ body, req }) =>
  bulkUpdate(body.filter, body.action, body.expected, await currentUserId(req)));
