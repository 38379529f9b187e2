import { route } from "@/lib/api/route";
import { generateRequest } from "@/lib/generate/api-schemas";
import { startGeneration } from "@/lib/generate/start";

export const POST = route({ role: "curator", body: generateRequest }, async ({ body, user }) => startGeneration(body, user.id));
