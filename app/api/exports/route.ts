import { AppError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { listExports } from "@/lib/export/exports";
import { exportsQuery, startExportBody } from "@/lib/export/schemas";
import { startExport } from "@/lib/export/start";

export const GET = route({ role: "viewer", query: exportsQuery }, async ({ query }) => ({ exports: await listExports(query) }));

/** Starts an export job; the page follows it through /api/jobs/:id and downloads from /api/exports/:id/download. */
export const POST = route({ role: "curator", body: startExportBody }, async ({ body, user }) => {
  // a mixture names files: on the server that would read any file the server can; only the local CLI blends files
  if (body.dataset?.mix.length) throw new AppError("bad_request", "--mix reads local files: run `in2 export --layout hf --mix …` where the files are");
  return { jobId: await startExport(body, { createdById: user.id }) };
});
