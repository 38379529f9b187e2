import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { revokeApiToken } from "@/lib/auth/tokens";

export const DELETE = route({ role: "viewer", params: idParams }, async ({ user, params }) => {
  await revokeApiToken(user.id, params.id);
  return { revoked: params.id };
});
