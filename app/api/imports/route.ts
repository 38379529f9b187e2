import { route } from "@/lib/api/route";
import { importBody } from "@/lib/api/schemas";
import { uploadPath } from "@/lib/corpus/uploads";
import { enqueueJob } from "@/lib/jobs/queue";

export const POST = route({ role: "curator", body: importBody }, async ({ body, user }) => {
  const files = body.uploads.map((id, i) => ({ path: uploadPath(id), name: body.names?.[i] ?? id.replace(/^[^-]+-[^-]+-/, "") }));
  const jobId = await enqueueJob("import", {
    corpus: body.corpus, files, textField: body.textField, tokenizer: body.tokenizer,
    maxParagraphTokens: body.maxParagraphTokens, deleteAfter: true,
  }, { createdById: user.id });
  return { jobId };
});
