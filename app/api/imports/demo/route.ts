import { route } from "@/lib/api/route";
import { DEMO_CORPUS, DEMO_LICENSE, demoFile } from "@/lib/corpus/demo";
import { enqueueJob } from "@/lib/jobs/queue";

export const POST = route({ role: "curator" }, async ({ user }) => {
  const jobId = await enqueueJob("import", { corpus: DEMO_CORPUS, files: [{ path: demoFile(), name: "c4-realnewslike-1000.jsonl.gz" }], license: DEMO_LICENSE }, { createdById: user.id });
  return { jobId };
});
