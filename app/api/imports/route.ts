import { route } from "@/lib/api/route";
import { importBody } from "@/lib/api/schemas";
import { normalizeLicense } from "@/lib/corpus/license";
import { getUpload } from "@/lib/corpus/uploads";
import { enqueueJob } from "@/lib/jobs/queue";

/** Imports finished uploads: they live in PostgreSQL, so any worker can run the job; it removes them once read. */
export const POST = route({ role: "curator", body: importBody }, async ({ body, user }) => {
  const license = body.license ? normalizeLicense(body.license) : undefined; // a bad id is a 400 before any work
  const uploads = await Promise.all(body.uploads.map((id) => getUpload(id)));
  const files = uploads.map((u, i) => ({ upload: u.id, name: body.names?.[i] ?? u.name }));
  const jobId = await enqueueJob("import", {
    corpus: body.corpus, files, textField: body.textField, tokenizer: body.tokenizer,
    maxParagraphTokens: body.maxParagraphTokens, license, deleteAfter: true,
  }, { createdById: user.id });
  return { jobId };
});
