import { route } from "@/lib/api/route";
import { segmentQuery } from "@/lib/api/schemas";
import { listSegments } from "@/lib/corpus/segments";

export const GET = route({ role: "viewer", query: segmentQuery }, async ({ query }) => listSegments(query));
