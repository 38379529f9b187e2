import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { addComment, commentBody, listComments } from "@/lib/guidelines/comments";

export const GET = route({ role: "viewer", params: idParams }, async ({ params }) => ({ comments: await listComments(params.id) }));

/** A reviewer's note on a pair ("the support quote is from piece 2"), shown in its history. */
export const POST = route({ role: "reviewer", params: idParams, body: commentBody }, async ({ params, body, user }) => addComment(params.id, user.id, body.text));
