import { route } from "@/lib/api/route";
import { listProbeRuns, startProbeRun } from "@/lib/probe/runs";
import { startProbeRunBody } from "@/lib/probe/schemas";

export const GET = route({ role: "viewer" }, async () => ({ runs: await listProbeRuns() }));

export const POST = route({ role: "curator", body: startProbeRunBody }, async ({ body, user }) => ({ run: await startProbeRun(body, user.id) }));
