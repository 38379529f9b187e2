import { route } from "@/lib/api/route";
import { createAudit, listAudits } from "@/lib/audit/audits";
import { createAuditBody } from "@/lib/audit/schemas";

/** Audits, newest first, each with its sample's review, the estimate and its interval. */
export const GET = route({ role: "viewer" }, async () => ({ items: await listAudits() }));

/** Draws a seeded sample of a slice (`size`, or suggested from `margin` at `confidence`). */
export const POST = route({ role: "curator", body: createAuditBody }, async ({ body, user }) => createAudit(body, user.id));
