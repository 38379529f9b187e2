import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { getAudit } from "@/lib/audit/audits";

export const GET = route({ role: "viewer", params: idParams }, async ({ params }) => getAudit(params.id));
