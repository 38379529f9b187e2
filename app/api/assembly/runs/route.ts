import { route } from "@/lib/api/route";
import { listRuns } from "@/lib/contexts/list";

export const GET = route({ role: "viewer" }, async () => ({ runs: await listRuns() }));
