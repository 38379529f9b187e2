import { z } from "zod";
import { DEFAULT_OPENAI_MODEL } from "@/lib/generate/params";
import { modelRunLimits } from "@/lib/model-items/limits";
import { pairFilter } from "@/lib/pairs/schemas";
import { VERIFY_PROMPT_VERSION } from "./prompts";
import { OFFLINE_VERIFIER_MODEL } from "./reader";

/**
 * What a user asks for (API body, CLI flags) and what the job stores. Which pairs: explicit ids, a generation
 * job's pairs, and/or the pairs table's filter (the same conditions as the table and bulk actions). The
 * provider, model and prompt version are fixed at creation, so every worker that resumes the job runs the same.
 */
export const verifyRequest = z.object({
  pairIds: z.array(z.number().int().positive()).min(1).max(100_000).optional(),
  /** the pairs of one generation job */
  jobId: z.number().int().positive().optional(),
  filter: pairFilter.default({}),
  provider: z.enum(["openai", "offline"]).optional(),
  /** a model endpoint by name (lib/endpoints); omitted: "default", the environment's OPENAI_* endpoint */
  endpoint: z.string().trim().min(1).max(64).optional(),
  model: z.string().trim().min(1).max(200).optional(),
  mode: z.enum(["online", "batch"]).default("online"),
  ...modelRunLimits,
  /** also ask for a judge score (0–10 for specificity, answerability, faithfulness, answer quality); never a verdict */
  judge: z.boolean().default(false),
});
export type VerifyRequest = z.input<typeof verifyRequest>;

export const verifyParams = verifyRequest.extend({
  provider: z.enum(["openai", "offline"]),
  model: z.string().min(1),
  promptVersion: z.string().min(1),
});
export type VerifyParams = z.infer<typeof verifyParams>;

export function resolveVerifyRequest(input: VerifyRequest, env: NodeJS.ProcessEnv = process.env): VerifyParams {
  const r = verifyRequest.parse(input);
  const provider = r.provider ?? (r.endpoint || env.OPENAI_API_KEY ? "openai" : "offline");
  const model = provider === "offline" ? OFFLINE_VERIFIER_MODEL : (r.model ?? env.IN2_VERIFY_MODEL ?? env.IN2_OPENAI_MODEL ?? DEFAULT_OPENAI_MODEL);
  const mode = provider === "offline" ? "online" : r.mode;
  return { ...r, provider, model, mode, promptVersion: VERIFY_PROMPT_VERSION };
}
