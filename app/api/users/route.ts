import { route } from "@/lib/api/route";
import { audit } from "@/lib/auth/audit";
import { clientIp } from "@/lib/auth/authenticate";
import { newUserBody } from "@/lib/auth/schemas";
import { createUser, listUsers } from "@/lib/auth/users";

export const GET = route({ role: "admin" }, async () => ({ users: await listUsers() }));
export const POST = route({ role: "admin", body: newUserBody }, async ({ body, user, req }) => {
  const created = await createUser(body);
  await audit("user_created", { actor: user, target: created.email, ip: clientIp(req), detail: { role: created.role } });
  return { user: created };
});
