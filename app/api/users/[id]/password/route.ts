import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { audit } from "@/lib/auth/audit";
import { clientIp } from "@/lib/auth/authenticate";
import { resetPasswordBody } from "@/lib/auth/schemas";
import { resetPassword } from "@/lib/auth/users";

/** An admin sets a new password for someone; that person's sessions end. */
export const POST = route({ role: "admin", params: idParams, body: resetPasswordBody }, async ({ params, body, user, req }) => {
  const target = await resetPassword(params.id, body.password);
  await audit("password_reset", { actor: user, target: target.email, ip: clientIp(req) });
  return { user: target };
});
