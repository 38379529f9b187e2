import { route } from "@/lib/api/route";
import { generateRequest } from "@/lib/generate/api-schemas";
import { estimateGeneration } from "@/lib/generate/estimate";
import { prepareGeneration } from "@/lib/generate/start";

export const POST = route({ role: "curator", body: generateRequest }, async ({ body }) => estimateGeneration(await prepareGeneration(body)));
