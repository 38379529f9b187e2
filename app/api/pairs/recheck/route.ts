import { route } from "@/lib/api/route";
import { recheckQuality } from "@/lib/pairs/quality";
import { recheckBody } from "@/lib/pairs/schemas";

// Re-running the checks over many pairs is curation work (like generating them), not a review decision.
export const POST = route({ role: "curator", body: recheckBody }, async ({ body }) => recheckQuality(body.pairIds));
