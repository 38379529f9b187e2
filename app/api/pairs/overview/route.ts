import { route } from "@/lib/api/route";
import { pairOverview } from "@/lib/pairs/overview";

export const GET = route({ role: "viewer" }, async () => pairOverview());
