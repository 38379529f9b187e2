import { route } from "@/lib/api/route";
import { listExports } from "@/lib/export/exports";
import { exportsQuery, startExportBody } from "@/lib/export/schemas";
import { startExport } from "@/lib/export/start";

export const GET = route({ role: "viewer", query: exportsQuery }, async ({ query }) => ({ exports: await listExports(query) }));

/** Starts an export job; the page follows it through /api/jobs/:id and downloads from /api/exports/:id/download. */
export const POST = route({ role: "curator", body: startExportBody }, async ({ body, user }) => ({
  jobId: await startExport(body, { createdById: user.id }),
}));
