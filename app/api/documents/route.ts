import { route } from "@/lib/api/route";
import { documentQuery } from "@/lib/api/schemas";
import { listDocuments } from "@/lib/corpus/documents";

export const GET = route({ role: "viewer", query: documentQuery }, async ({ query }) => listDocuments(query));
