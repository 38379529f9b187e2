import { route } from "@/lib/api/route";
import { audit } from "@/lib/auth/audit";
import { clientIp } from "@/lib/auth/authenticate";
import { changePasswordBody } from "@/lib/auth/schemas";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { changeOwnPassword } from "@/lib/auth/users";

/** Changes the caller's own password (the current one is required); their other sessions end. */
export const POST = route({ role: "viewer", body: changePasswordBody }, async ({ req, user, body }) => {
  await changeOwnPassword(user.id, body.current, body.next, req.cookies.get(SESSION_COOKIE)?.value);
  await audit("password_changed", { actor: user, target: user.email, ip: clientIp(req) });
  return { ok: true };
});
