import { route } from "@/lib/api/route";
import { assemblyRequest } from "@/lib/contexts/schemas";
import { startAssembly } from "@/lib/contexts/start";

/** Starts an assemble job; the UI follows it through /api/jobs/:id. */
export const POST = route({ role: "curator", body: assemblyRequest }, async ({ body, user }) => startAssembly({ ...body, evalFiles: [] }, user.id || undefined));
