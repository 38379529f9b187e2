import { AppError } from "@/lib/api/errors";
import { getCorpus } from "@/lib/corpus/corpora";
import { assertUsable, BUILTIN_ENDPOINT, resolveEndpoint } from "@/lib/endpoints";
import { enqueueJob } from "@/lib/jobs/queue";
import { estimateGeneration, type Estimate } from "./estimate";
import { GENERATE_KIND } from "./job-row";
import { generateRequest, resolveRequest, type GenerateParams, type GenerateRequest } from "./params";
import { PROMPT_VERSION } from "./prompts";
import { promptForGeneration } from "@/lib/prompts/versions";

/** Validates a request (zod issues become a 400 with the field), fills defaults, checks the corpus. */
export async function prepareGeneration(input: unknown): Promise<GenerateParams> {
  const parsed = generateRequest.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("bad_request", `${issue?.path.join(".") || "request"}: ${issue?.message ?? "invalid"}`);
  }
  const p = resolveRequest(parsed.data as GenerateRequest);
  // a prompt-lab version travels with the job as its text (immutable, so the name and the text never disagree)
  if (p.promptVersion !== PROMPT_VERSION) p.prompt = await promptForGeneration(p.promptVersion, p.type);
  if (p.corpusId !== undefined) await getCorpus(p.corpusId);
  if (p.provider === "openai" && p.endpoint && p.endpoint !== BUILTIN_ENDPOINT) {
    // refused before any job exists: unknown endpoint, a model it does not offer, an address the policy forbids
    await assertUsable(await resolveEndpoint(p.endpoint), p.model);
  } else if (p.provider === "openai" && !process.env.OPENAI_API_KEY) {
    throw new AppError("bad_request", "the openai provider needs OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server); use the offline provider without one");
  }
  return p;
}

/** Estimates, refuses what cannot run, and queues the job for a worker. */
export async function startGeneration(input: unknown, createdById?: number): Promise<{ jobId: number; estimate: Estimate }> {
  const p = await prepareGeneration(input);
  const estimate = await estimateGeneration(p);
  assertRunnable(p, estimate);
  const jobId = await enqueueJob(GENERATE_KIND, p, { total: estimate.items, createdById });
  return { jobId, estimate };
}

export function assertRunnable(p: GenerateParams, e: Estimate): void {
  if (e.items === 0) {
    throw new AppError("unprocessable", p.segmentIds
      ? "nothing to generate: the selected segments are missing, contaminated, or already have an item for this type, prompt version and model"
      : "nothing to generate: no eligible segments left (each segment gets one item per type, prompt version and model; contaminated documents are excluded)");
  }
  if (p.budgetUsd !== undefined && e.costUsd === null) {
    throw new AppError("bad_request", `no price for model "${p.model}", so a budget cannot be enforced: add it to IN2_PRICE_TABLE`);
  }
}
