import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { deleteView, getView } from "@/lib/review-team/views";

export const GET = route({ role: "viewer", params: idParams }, async ({ params }) => getView(params.id));
export const DELETE = route({ role: "reviewer", params: idParams }, async ({ params, user }) => deleteView(params.id, user));
