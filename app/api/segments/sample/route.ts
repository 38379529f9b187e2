import { route } from "@/lib/api/route";
import { sampleQuery } from "@/lib/api/schemas";
import { sampleSegments } from "@/lib/corpus/segments";

export const GET = route({ role: "viewer", query: sampleQuery }, async ({ query }) => ({ items: await sampleSegments(query) }));
