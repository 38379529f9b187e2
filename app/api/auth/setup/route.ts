import { route } from "@/lib/api/route";
import { audit } from "@/lib/auth/audit";
import { clientIp, login } from "@/lib/auth/authenticate";
import { withSessionCookie } from "@/lib/auth/cookie";
import { setupBody } from "@/lib/auth/schemas";
import { createFirstAdmin } from "@/lib/auth/users";

/** Creates the first admin account on a fresh install (refused once one exists) and signs it in. */
export const POST = route({ role: "public", body: setupBody }, async ({ body, req }) => {
  const admin = await createFirstAdmin(body);
  await audit("setup", { actor: admin, target: admin.email, ip: clientIp(req) });
  const { user, token, expiresAt } = await login(body.email, body.password, clientIp(req));
  return withSessionCookie(req, { user }, token, expiresAt);
});
