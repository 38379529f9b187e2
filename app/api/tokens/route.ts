import { route } from "@/lib/api/route";
import { AppError } from "@/lib/api/errors";
import { audit } from "@/lib/auth/audit";
import { clientIp } from "@/lib/auth/authenticate";
import { hasRole } from "@/lib/auth/roles";
import { newTokenBody, tokensQuery } from "@/lib/auth/schemas";
import { createApiToken, listApiTokens } from "@/lib/auth/tokens";

/** The caller's tokens; `?all=true` (admins) everyone's, so an admin can revoke any. */
export const GET = route({ role: "viewer", query: tokensQuery }, async ({ user, query }) => {
  if (query.all && !hasRole(user.role, "admin")) throw new AppError("forbidden", "listing everyone's tokens needs the admin role");
  return { tokens: await listApiTokens(query.all ? null : user.id) };
});

/** The secret is in this answer only; it is never shown again. */
export const POST = route({ role: "viewer", body: newTokenBody }, async ({ user, body, req }) => {
  const created = await createApiToken(user.id, body.name, body.expiresInDays);
  await audit("token_created", { actor: user, target: `${created.row.prefix}… (${created.row.name})`, ip: clientIp(req), detail: { id: created.row.id, expiresAt: created.row.expiresAt } });
  return created;
});
