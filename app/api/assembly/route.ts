import { route } from "@/lib/api/route";
import { getUpload } from "@/lib/corpus/uploads";
import { EVAL_UPLOAD_PREFIX } from "@/lib/contexts/eval-sets";
import { assemblyBody } from "@/lib/contexts/schemas";
import { startAssembly } from "@/lib/contexts/start";

/**
 * Starts an assemble job (extra eval sets come as finished uploads); the UI follows it through /api/jobs/:id.
 * The uploads stay in PostgreSQL until the job registers them as eval sets, on whichever worker runs it.
 */
export const POST = route({ role: "curator", body: assemblyBody }, async ({ body, user }) => {
  const { evalUploads, ...req } = body;
  const evalFiles = (await Promise.all(evalUploads.map((id) => getUpload(id)))).map((u) => `${EVAL_UPLOAD_PREFIX}${u.id}`);
  return startAssembly({ ...req, evalFiles }, user.id || undefined);
});
