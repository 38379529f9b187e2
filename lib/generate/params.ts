import { z } from "zod";
import { modelRunLimits } from "@/lib/model-items/limits";
import { PROMPT_VERSION } from "./prompts";

/**
 * What a user asks for (API body, CLI flags) and what the job stores. `resolveRequest` fills the
 * defaults that depend on the environment (provider, model) once, at creation, so every worker that
 * picks the job up runs exactly what was estimated.
 */
/** Default cap on the pieces offered per multi item (the document's segments, up to this many). */
export const DEFAULT_MAX_PIECES = 8;

export const OFFLINE_MODEL = "offline-cloze-v1";
export const DEFAULT_OPENAI_MODEL = "gpt-4o-mini";

export const generateRequest = z.object({
  type: z.enum(["single", "multi"]),
  count: z.number().int().min(1).max(1_000_000),
  corpusId: z.number().int().positive().optional(),
  seed: z.number().int().default(0),
  /** an explicit selection instead of "count random ones" (multi groups them by document) */
  segmentIds: z.array(z.number().int().positive()).min(1).max(100_000).optional(),
  /**
   * Pieces offered per multi item. The paper shows the generator the whole document split into its segments; long
   * documents are capped to a seeded run of this many consecutive segments (default 8, the prompt's practical limit).
   */
  maxPieces: z.number().int().min(2).max(16).default(DEFAULT_MAX_PIECES),
  provider: z.enum(["openai", "offline"]).optional(),
  model: z.string().trim().min(1).max(200).optional(),
  /** a model endpoint by name (lib/endpoints); omitted: "default", the environment's OPENAI_* endpoint */
  endpoint: z.string().trim().min(1).max(64).optional(),
  mode: z.enum(["online", "batch"]).default("online"),
  verifyAfter: z.boolean().default(false), // queue lib/verify's model checks on the new pairs when the job finishes
  ...modelRunLimits,
  /** a prompt-lab version (lib/prompts); omitted: the built-in prompt */
  promptVersion: z.string().trim().min(1).max(200).optional(),
});
export type GenerateRequest = z.input<typeof generateRequest>;

export const generateParams = generateRequest.extend({
  provider: z.enum(["openai", "offline"]),
  model: z.string().min(1),
  promptVersion: z.string().min(1),
  /** a prompt-lab version's text, stored with the job so every worker runs exactly the version it names */
  prompt: z.object({ system: z.string().min(1), format: z.object({ name: z.string(), schema: z.record(z.string(), z.unknown()) }).optional() }).optional(),
});
export type GenerateParams = z.infer<typeof generateParams>;

export function resolveRequest(input: GenerateRequest, env: NodeJS.ProcessEnv = process.env): GenerateParams {
  const r = generateRequest.parse(input);
  const provider = r.provider ?? (r.endpoint || env.OPENAI_API_KEY ? "openai" : "offline");
  const model = provider === "offline" ? OFFLINE_MODEL : (r.model ?? env.IN2_OPENAI_MODEL ?? DEFAULT_OPENAI_MODEL);
  const mode = provider === "offline" ? "online" : r.mode;
  return { ...r, provider, model, mode, promptVersion: r.promptVersion ?? PROMPT_VERSION };
}

/**
 * Deterministic item key: the same work under the same prompt and model is the same item, forever, in any
 * database. Built from segment keys ("<document sha256>:<segment index>", see `segmentKey`), never from ids,
 * so it is also the pair's stable key (pair.key) that seeded assembly and exports use.
 */
export function itemKey(p: { type: string; provider: string; model: string; promptVersion: string }, segmentKeys: string[]): string {
  return `${p.type}|${segmentKeys.join(",")}|${p.promptVersion}|${p.provider}:${p.model}`;
}

/** A segment's stable content key; the SQL form is `d.sha256 || ':' || s.index`. */
export function segmentKey(documentSha256: string, index: number): string {
  return `${documentSha256}:${index}`;
}
