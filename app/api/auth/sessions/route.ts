import { route } from "@/lib/api/route";
import { audit } from "@/lib/auth/audit";
import { clientIp } from "@/lib/auth/authenticate";
import { clearingSessionCookie } from "@/lib/auth/cookie";
import { deleteUserSessions } from "@/lib/auth/sessions";

/** Signs the caller out everywhere: every session of theirs ends, this one included. */
export const DELETE = route({ role: "viewer" }, async ({ req, user }) => {
  const ended = await deleteUserSessions(user.id);
  await audit("sign_out_all", { actor: user, target: user.email, ip: clientIp(req), detail: { sessions: ended } });
  return clearingSessionCookie({ ended });
});
