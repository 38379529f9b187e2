import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { applyAudit } from "@/lib/audit/audits";
import { applyAuditBody } from "@/lib/audit/schemas";

/** "Decide the rest from the audit": one undoable bulk action (undo: POST /api/review/groups/:groupId/undo). */
export const POST = route({ role: "curator", params: idParams, body: applyAuditBody }, async ({ params, body, user }) =>
  applyAudit(params.id, body, user.id));
