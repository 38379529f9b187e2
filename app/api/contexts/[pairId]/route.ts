import { route } from "@/lib/api/route";
import { contextPreview } from "@/lib/contexts/preview";
import { previewParams, previewQuery } from "@/lib/contexts/schemas";

/** A pair's context for the preview: its newest one, or ?contextId= from its history. */
export const GET = route({ role: "viewer", params: previewParams, query: previewQuery }, async ({ params, query }) =>
  contextPreview(params.pairId, query.contextId));
