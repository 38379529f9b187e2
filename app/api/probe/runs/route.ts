import { route } from "@/lib/api/route";
import { listProbeRuns, startProbeRun } from "@/lib/probe/runs";
import { startProbeRunBody } from "@/lib/probe/schemas";

export const GET = route({}, async () => ({ runs: await listProbeRuns() }));

export const POST = route({ body: startProbeRunBody }, async ({ body }) => ({ run: await startProbeRun(body) }));
