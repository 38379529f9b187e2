import { route } from "@/lib/api/route";
import { ndjsonResponse } from "@/lib/api/ndjson";
import { segmentQuery } from "@/lib/api/schemas";
import { streamSegments } from "@/lib/corpus/segments";

const query = segmentQuery.omit({ after: true, limit: true, q: true });

/** Every matching segment with its full text, as JSON Lines (what `in2 segments --jsonl` prints). */
export const GET = route({ role: "viewer", query }, async ({ query: q }) => ndjsonResponse(streamSegments(q), "segments.jsonl"));
