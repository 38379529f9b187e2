import { z } from "zod";
import { PROBE_STYLES } from "./types";

/** Shared by the API routes, the client hooks and the CLI, so every door validates the same way. */
export const buildProbeBody = z.object({
  style: z.enum(PROBE_STYLES),
  tokens: z.number().int().min(256, "at least 256 tokens").max(1_048_576).default(32_768),
  sets: z.number().int().min(1).max(32).default(4),
  seed: z.coerce.string().trim().max(100).default("0"),
  /** positions probed per context; omitted = every position */
  positions: z.number().int().min(1).max(100_000).optional(),
  binSize: z.number().int().min(1).max(10_000).default(50),
  /** a corpus name: document-style sentences from the user's own corpus instead of the paper's pieces */
  corpus: z.string().trim().min(1).max(200).optional(),
  tokenizer: z.string().trim().min(1).max(500).optional(),
  name: z.string().trim().min(1).max(200).optional(),
});
export type BuildProbeBody = z.input<typeof buildProbeBody>;
export type BuildProbeInput = z.output<typeof buildProbeBody>;

export const startProbeRunBody = z.object({
  setId: z.number().int().positive(),
  model: z.string().trim().min(1, "name the model").max(300),
  /** a model endpoint by name (Settings → Endpoints); omitted: "default", the server's OPENAI_* endpoint */
  endpoint: z.string().trim().min(1).max(64).optional(),
  /** never accepted: a raw URL would receive the server's key (and let the server fetch any address) */
  baseUrl: z.never({ error: "probe runs name an endpoint (Settings → Endpoints, `in2 endpoint add`), never a raw base URL" }).optional(),
  concurrency: z.number().int().min(1).max(64).default(4),
  /** start over instead of resuming the latest run of this set, model and endpoint */
  fresh: z.boolean().default(false),
});
export type StartProbeRunBody = z.input<typeof startProbeRunBody>;
export type StartProbeRunInput = z.output<typeof startProbeRunBody>;
