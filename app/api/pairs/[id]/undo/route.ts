import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { undoBody } from "@/lib/pairs/schemas";
import { undoEvent } from "@/lib/pairs/undo";
import { currentUserId } from "@/lib/review/current-user";

export const POST = route({ params: idParams, body: undoBody }, async ({ params, body, req }) =>
  undoEvent(params.id, body.eventId, await currentUserId(req)));
