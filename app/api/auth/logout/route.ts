import { route } from "@/lib/api/route";
import { audit } from "@/lib/auth/audit";
import { clientIp } from "@/lib/auth/authenticate";
import { clearingSessionCookie } from "@/lib/auth/cookie";
import { deleteSession, SESSION_COOKIE } from "@/lib/auth/sessions";

export const POST = route({ role: "public" }, async ({ req, user }) => {
  await deleteSession(req.cookies.get(SESSION_COOKIE)?.value);
  if (user.id) await audit("sign_out", { actor: user, target: user.email, ip: clientIp(req) });
  return clearingSessionCookie({ ok: true });
});
