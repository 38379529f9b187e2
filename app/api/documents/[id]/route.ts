import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { getDocument } from "@/lib/corpus/documents";

export const GET = route({ role: "viewer", params: idParams }, async ({ params }) => getDocument(params.id));
