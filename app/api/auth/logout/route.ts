import { route } from "@/lib/api/route";
import { clearingSessionCookie } from "@/lib/auth/cookie";
import { deleteSession, SESSION_COOKIE } from "@/lib/auth/sessions";

export const POST = route({ role: "public" }, async ({ req }) => {
  await deleteSession(req.cookies.get(SESSION_COOKIE)?.value);
  return clearingSessionCookie({ ok: true });
});
