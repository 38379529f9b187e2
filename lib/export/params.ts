import { z } from "zod";
import { datasetOptions } from "@/lib/dataset/params";

/** The output formats: the FILM-7B training template, chat messages, and every field with positions. */
export const EXPORT_FORMATS = ["film", "chat", "raw"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const PAIR_STATUSES = ["accepted", "pending", "rejected", "flagged"] as const;
export type PairStatus = (typeof PAIR_STATUSES)[number];

/** The exported `type`: single and multi are the paper's types 1 and 2 in long contexts; short keeps the document. */
export const EXPORT_TYPES = ["single", "multi", "short"] as const;
export type ExportType = (typeof EXPORT_TYPES)[number];

/**
 * Assembly defaults for pairs that have no context yet: the paper's 4K–32K range, ~10% short contexts, and the
 * same seed as the assemble form and `in2 assemble`, so an export with no options matches an assembly with none.
 * (lib/contexts' RECIPE_DEFAULTS is the server-side twin; a test holds them equal.)
 */
export const ASSEMBLY_DEFAULTS = { minTokens: 4096, maxTokens: 32768, shortRatio: 0.1, seed: "1" } as const;

const seed = z.union([z.string().trim().min(1).max(100), z.number().int()]).transform(String);

/** What an export selects and how it writes; shared by the job, the API route and the CLI. */
export const exportOptions = z.object({
  format: z.enum(EXPORT_FORMATS),
  /** accepted only unless asked: rejected and flagged pairs never slip into a training file by default */
  statuses: z.array(z.enum(PAIR_STATUSES)).min(1).default(["accepted"]),
  /** empty = every type */
  types: z.array(z.enum(EXPORT_TYPES)).default([]),
  corpusId: z.number().int().positive().optional(),
  /** export exactly this assembly run's contexts; the recipe is the run's (an option that disagrees is an error) */
  runId: z.number().int().positive().optional(),
  /**
   * The assembly recipe. Absent: the run's values with runId, else ASSEMBLY_DEFAULTS. A stored context is reused
   * only when its recipe equals this one; other pairs are assembled with it.
   */
  seed: seed.optional(),
  minTokens: z.number().int().positive().optional(),
  maxTokens: z.number().int().positive().optional(),
  shortRatio: z.number().min(0).max(1).optional(),
  /** only pairs of corpora with this tokenizer (absent: each pair's corpus tokenizer) */
  tokenizer: z.string().trim().min(1).max(500).optional(),
  /** rows whose whole training example has more tokens are left out and counted in the manifest */
  maxExampleTokens: z.number().int().positive().optional(),
  gzip: z.boolean().default(true),
  /** gzip level, 1 (fastest) to 9 (smallest); 6 is zlib's default. The level changes the bytes, so the manifest records it. */
  compressionLevel: z.number().int().min(1).max(9).default(6),
  /** only pairs that passed every model check that was run (lib/verify); the others are counted by verdict in the manifest */
  verified: z.boolean().default(false),
  /** jsonl: one file and its manifest; hf: a Hub-ready folder (Parquet or .jsonl.gz shards per split, README card, croissant.json; lib/dataset) */
  layout: z.enum(["jsonl", "hf"]).default("jsonl"),
  /** the hf layout's splits, shards, trainer format and mixture */
  dataset: datasetOptions.optional(),
}).refine((o) => o.runId !== undefined || (o.maxTokens ?? ASSEMBLY_DEFAULTS.maxTokens) >= (o.minTokens ?? ASSEMBLY_DEFAULTS.minTokens),
  { message: "maxTokens must be at least minTokens (the defaults are 4096–32768)", path: ["maxTokens"] });
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
