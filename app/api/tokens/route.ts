import { route } from "@/lib/api/route";
import { newTokenBody } from "@/lib/auth/schemas";
import { createApiToken, listApiTokens } from "@/lib/auth/tokens";

export const GET = route({ role: "viewer" }, async ({ user }) => ({ tokens: await listApiTokens(user.id) }));
/** The secret is in this answer only; it is never shown again. */
export const POST = route({ role: "viewer", body: newTokenBody }, async ({ user, body }) => createApiToken(user.id, body.name));
