import { route } from "@/lib/api/route";
import { ndjsonResponse } from "@/lib/api/ndjson";
import { documentQuery } from "@/lib/api/schemas";
import { streamDocuments } from "@/lib/corpus/documents";

const query = documentQuery.omit({ after: true, limit: true, q: true });

/** Every document of a corpus (or all) with its full text, as JSON Lines (what `in2 documents --jsonl` prints). */
export const GET = route({ role: "viewer", query }, async ({ query: q }) => ndjsonResponse(streamDocuments(q), "documents.jsonl"));
