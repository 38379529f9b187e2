import { route } from "@/lib/api/route";
import { authenticate } from "@/lib/auth/authenticate";
import { setupNeeded } from "@/lib/auth/users";

export const GET = route({ role: "public" }, async ({ req }) => ({
  user: (await authenticate(req)) ?? null,
  setupNeeded: await setupNeeded(),
}));
