import path from "node:path";
import { route } from "@/lib/api/route";
import { uploadsDir } from "@/lib/corpus/import-job";
import { deleteUpload, getUpload, spoolUpload } from "@/lib/corpus/uploads";
import { assemblyBody } from "@/lib/contexts/schemas";
import { startAssembly } from "@/lib/contexts/start";

/**
 * Starts an assemble job (extra eval sets come as finished uploads); the UI follows it through /api/jobs/:id.
 * Eval sets are small: they are copied out of PostgreSQL here, into the server's data dir, as before uploads
 * moved into the database (the eval-set registry still keeps its copies as files).
 */
export const POST = route({ role: "curator", body: assemblyBody }, async ({ body, user }) => {
  const { evalUploads, ...req } = body;
  const evalFiles: string[] = [];
  for (const id of evalUploads) {
    const u = await getUpload(id);
    const file = path.join(uploadsDir(), u.id);
    await spoolUpload(u.id, file);
    await deleteUpload(u.id);
    evalFiles.push(file);
  }
  return startAssembly({ ...req, evalFiles }, user.id || undefined);
});
