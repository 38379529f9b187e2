import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { undoGroup } from "@/lib/review-team/groups";

/** Undoes a whole bulk action; pairs changed since keep their newer state and are counted as `kept`. */
export const POST = route({ role: "reviewer", params: idParams }, async ({ params, user }) => undoGroup(params.id, user));
