import { z } from "zod";

/** The output formats: the FILM-7B training template, chat messages, and every field with positions. */
export const EXPORT_FORMATS = ["film", "chat", "raw"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const PAIR_STATUSES = ["accepted", "pending", "rejected", "flagged"] as const;
export type PairStatus = (typeof PAIR_STATUSES)[number];

/** The exported `type`: single and multi are the paper's types 1 and 2 in long contexts; short keeps the document. */
export const EXPORT_TYPES = ["single", "multi", "short"] as const;
export type ExportType = (typeof EXPORT_TYPES)[number];

/** Assembly defaults for pairs that have no context yet: the paper's 4K–32K range and ~10% short contexts. */
export const ASSEMBLY_DEFAULTS = { minTokens: 4096, maxTokens: 32768, shortRatio: 0.1 } as const;

const seed = z.union([z.string().trim().min(1).max(100), z.number().int()]).transform(String);

/** What an export selects and how it writes; shared by the job, the API route and the CLI. */
export const exportOptions = z.object({
  format: z.enum(EXPORT_FORMATS),
  /** accepted only unless asked: rejected and flagged pairs never slip into a training file by default */
  statuses: z.array(z.enum(PAIR_STATUSES)).min(1).default(["accepted"]),
  /** empty = every type */
  types: z.array(z.enum(EXPORT_TYPES)).default([]),
  corpusId: z.number().int().positive().optional(),
  seed,
  minTokens: z.number().int().positive().default(ASSEMBLY_DEFAULTS.minTokens),
  maxTokens: z.number().int().positive().default(ASSEMBLY_DEFAULTS.maxTokens),
  shortRatio: z.number().min(0).max(1).default(ASSEMBLY_DEFAULTS.shortRatio),
  gzip: z.boolean().default(true),
}).refine((o) => o.maxTokens >= o.minTokens, { message: "maxTokens must be at least minTokens", path: ["maxTokens"] });
export type ExportOptions = z.output<typeof exportOptions>;
export type ExportRequest = z.input<typeof exportOptions>;

/** The job's params: the options plus where to write (absent = the app's exports folder, named by job id). */
export const exportJobParams = z.object({ options: exportOptions, out: z.string().min(1).optional() });
export type ExportJobParams = z.output<typeof exportJobParams>;

/** Statuses and types in a fixed order, so equal selections give equal manifests whatever order they were typed in. */
export function normalizeOptions(o: ExportOptions): ExportOptions {
  return {
    ...o,
    statuses: PAIR_STATUSES.filter((s) => o.statuses.includes(s)),
    types: EXPORT_TYPES.filter((t) => o.types.includes(t)),
  };
}
