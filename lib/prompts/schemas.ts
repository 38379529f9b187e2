import { z } from "zod";

/** Shared by the prompt routes, the CLI and the prompt lab page (no server imports). */
export const PROMPT_TYPES = ["single", "multi", "verify"] as const;
export type PromptType = (typeof PROMPT_TYPES)[number];

export const jsonSchemaFormat = z.object({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "letters, digits, _ or -, up to 64"),
  schema: z.record(z.string(), z.unknown()),
});

export const savePromptBody = z.object({
  /** the prompt's family name; versions of one name are its history */
  name: z.string().trim().min(1).max(100).regex(/^[a-z0-9][a-z0-9._-]*$/, "lowercase letters, digits, . _ -"),
  type: z.enum(PROMPT_TYPES),
  /** the system prompt */
  text: z.string().trim().min(20, "a prompt of at least 20 characters").max(20_000),
  /** the structured output schema; omitted: the built-in schema of the type */
  outputSchema: jsonSchemaFormat.optional(),
});
export type SavePromptBody = z.infer<typeof savePromptBody>;

export interface PromptVersionRow {
  id: number | null;
  version: string;
  name: string;
  type: PromptType;
  text: string;
  outputSchema: z.infer<typeof jsonSchemaFormat>;
  author: string | null;
  createdAt: string | null;
  builtin: boolean;
}

export const dryRunBody = z.object({
  type: z.enum(["single", "multi"]),
  text: z.string().trim().min(20).max(20_000),
  outputSchema: jsonSchemaFormat.optional(),
  model: z.string().trim().min(1).max(200).optional(),
  seed: z.string().trim().min(1).max(100).default("1"),
  corpusId: z.number().int().positive().optional(),
});
export type DryRunBody = z.input<typeof dryRunBody>;

export interface DryRunReply {
  segmentIds: number[];
  input: string;
  ok: boolean;
  output: unknown;
  error: string | null;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}
export interface DryRunResult { provider: string; model: string; replies: DryRunReply[]; totalCostUsd: number; priced: boolean }

export interface ComparisonRow {
  promptVersion: string;
  model: string;
  pairs: number;
  accepted: number;
  rejected: number;
  decided: number;
  acceptRate: number | null;
  low: number;
  high: number;
  flagRate: number | null;
  verdictFailRate: number | null;
  meanTokens: number | null;
  costUsd: number;
  usdPerAccepted: number | null;
}
