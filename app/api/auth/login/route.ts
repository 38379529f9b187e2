import { route } from "@/lib/api/route";
import { clientIp, login } from "@/lib/auth/authenticate";
import { withSessionCookie } from "@/lib/auth/cookie";
import { loginBody } from "@/lib/auth/schemas";

export const POST = route({ role: "public", body: loginBody }, async ({ body, req }) => {
  const { user, token, expiresAt } = await login(body.email, body.password, clientIp(req));
  return withSessionCookie(req, { user }, token, expiresAt);
});
