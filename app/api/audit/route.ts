import { z } from "zod";
import { qInt, route } from "@/lib/api/route";
import { AUDIT_ACTIONS, listAuditEvents } from "@/lib/auth/audit";

const auditQuery = z.object({
  before: z.string().regex(/^\d{1,19}$/).optional(),
  limit: qInt.min(1).max(500).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
});

/** Security events for admins (Settings → Audit), newest first, keyset-paged by `before`. */
export const GET = route({ role: "admin", query: auditQuery }, async ({ query }) => listAuditEvents(query));
