import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { undoBody } from "@/lib/pairs/schemas";
import { undoEvent } from "@/lib/pairs/undo";

export const POST = route({ role: "reviewer", params: idParams, body: undoBody }, async ({ params, body, user }) =>
  undoEvent(params.id, body.eventId, user.id));
