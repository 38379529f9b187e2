import { route } from "@/lib/api/route";
import { newUserBody } from "@/lib/auth/schemas";
import { createUser, listUsers } from "@/lib/auth/users";

export const GET = route({ role: "admin" }, async () => ({ users: await listUsers() }));
export const POST = route({ role: "admin", body: newUserBody }, async ({ body }) => ({ user: await createUser(body) }));
