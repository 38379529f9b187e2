import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { audit } from "@/lib/auth/audit";
import { clientIp } from "@/lib/auth/authenticate";
import { hasRole } from "@/lib/auth/roles";
import { revokeApiToken } from "@/lib/auth/tokens";

/** Revokes a token: its owner, or an admin (anyone's). */
export const DELETE = route({ role: "viewer", params: idParams }, async ({ user, params, req }) => {
  const row = await revokeApiToken(hasRole(user.role, "admin") ? null : user.id, params.id);
  await audit("token_revoked", { actor: user, target: `${row.prefix}… (${row.name}) of ${row.userEmail}`, ip: clientIp(req), detail: { id: row.id } });
  return { revoked: params.id };
});
