import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { roleBody } from "@/lib/auth/schemas";
import { setUserRole } from "@/lib/auth/users";

export const PATCH = route({ role: "admin", params: idParams, body: roleBody }, async ({ params, body }) => ({ user: await setUserRole(params.id, body.role) }));
