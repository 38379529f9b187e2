import { z } from "zod";
import { pairFilter } from "@/lib/pairs/schemas";

/**
 * Shared by the assemble job, the API route, the CLI and the client form (kept free of server imports so the
 * browser bundle can use it). Defaults are the paper's: 4K–32K tokens, 10% short contexts.
 */
export const assemblyRequest = z.object({
  selection: z.object({
    pairIds: z.array(z.number().int().positive()).max(1_000_000).optional(),
    filter: pairFilter.optional(),
  }).default({ filter: { status: "accepted" } }),
  minTokens: z.number().int().min(1).max(1_000_000).default(4096),
  maxTokens: z.number().int().min(1).max(1_000_000).default(32768),
  shortRatio: z.number().min(0).max(1).default(0.1),
  /** "1" like the export's default (lib/export ASSEMBLY_DEFAULTS), so exporting with no options reuses these contexts */
  seed: z.union([z.string().trim().min(1).max(100), z.number().int()]).transform(String).default("1"),
  /** extra evaluation sets (server-side file paths: CLI arguments or finished uploads) */
  evalFiles: z.array(z.string().min(1)).max(20).default([]),
  /** workers sharing the run: the job queues workers − 1 share jobs that take chunks of it (any worker, any machine) */
  workers: z.number().int().min(1).max(32).default(1),
}).refine((r) => r.minTokens <= r.maxTokens, { message: "min tokens must not exceed max tokens", path: ["maxTokens"] });
export type AssemblyRequest = z.infer<typeof assemblyRequest>;
export type AssemblyRequestInput = z.input<typeof assemblyRequest>;

export const ASSEMBLE_KIND = "assemble";
/** A share of an assemble job's run, taken by another worker (lib/contexts/assemble-job.ts). */
export const ASSEMBLE_SHARE_KIND = "assemble-share";
export const assembleShareParams = z.object({ runId: z.number().int().positive() });

/** The paper's mix (An et al., 2024): ~1.1M type 1, ~300K type 2, ~150K short, normalised over the three. */
export const PAPER_MIX = { single: 1.1 / 1.55, multi: 0.3 / 1.55, short: 0.15 / 1.55 } as const;

const qInt = z.coerce.number().int();

export const balanceQuery = z.object({ runId: qInt.positive().optional() });
export const contextListQuery = z.object({
  runId: qInt.positive().optional(),
  after: qInt.nonnegative().optional(),
  limit: qInt.min(1).max(200).optional(),
});
export const previewParams = z.object({ pairId: qInt.positive() });
export const previewQuery = z.object({ contextId: qInt.positive().optional() });

/** The API's form: clients name uploaded eval sets by upload id, never by server path. */
export const assemblyBody = z.intersection(assemblyRequest, z.object({ evalUploads: z.array(z.string().min(1).max(300)).max(20).default([]) }));
export type AssemblyBodyInput = z.input<typeof assemblyBody>;
