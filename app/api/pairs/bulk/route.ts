import { route } from "@/lib/api/route";
import { bulkUpdate } from "@/lib/pairs/bulk";
import { bulkBody } from "@/lib/pairs/schemas";

/** The actor of every change is the signed-in caller the route wrapper resolved. */
export const POST = route({ role: "reviewer", body: bulkBody }, async ({ body, user }) =>
  bulkUpdate(body.filter, body.action, body.expected, user.id));
