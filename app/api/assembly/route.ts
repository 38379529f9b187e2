import { route } from "@/lib/api/route";
import { uploadPath } from "@/lib/corpus/uploads";
import { assemblyBody } from "@/lib/contexts/schemas";
import { startAssembly } from "@/lib/contexts/start";

/** Starts an assemble job (extra eval sets come as finished uploads); the UI follows it through /api/jobs/:id. */
export const POST = route({ role: "curator", body: assemblyBody }, async ({ body, user }) => {
  const { evalUploads, ...req } = body;
  return startAssembly({ ...req, evalFiles: evalUploads.map(uploadPath) }, user.id || undefined);
});
