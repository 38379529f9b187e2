import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { audit } from "@/lib/auth/audit";
import { clientIp } from "@/lib/auth/authenticate";
import { userPatchBody } from "@/lib/auth/schemas";
import { disableUser, enableUser, getUser, removeUser, setUserRole } from "@/lib/auth/users";

/** Admins change a role, or disable (sessions and tokens end at once) / enable an account. */
export const PATCH = route({ role: "admin", params: idParams, body: userPatchBody }, async ({ params, body, user, req }) => {
  const ip = clientIp(req);
  const before = await getUser(params.id);
  if (body.role !== undefined && body.role !== before.role) {
    await setUserRole(params.id, body.role);
    await audit("role_changed", { actor: user, target: before.email, ip, detail: { from: before.role, to: body.role } });
  }
  if (body.disabled === true && before.status !== "disabled") {
    await disableUser(params.id, user.id);
    await audit("user_disabled", { actor: user, target: before.email, ip });
  }
  if (body.disabled === false && before.status === "disabled") {
    await enableUser(params.id);
    await audit("user_enabled", { actor: user, target: before.email, ip });
  }
  return { user: await getUser(params.id) };
});

/** Removes an account for good; its row stays so everything it did stays attributed. */
export const DELETE = route({ role: "admin", params: idParams }, async ({ params, user, req }) => {
  const removed = await removeUser(params.id, user.id);
  await audit("user_removed", { actor: user, target: removed.email, ip: clientIp(req) });
  return { user: removed };
});
