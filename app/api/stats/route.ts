import { route } from "@/lib/api/route";
import { dashboardStats } from "@/lib/stats/dashboard";

export const GET = route({ role: "viewer" }, async () => dashboardStats());
