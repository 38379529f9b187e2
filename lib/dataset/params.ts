import { z } from "zod";

/** Trainer row formats of the Hub layout: the export's three, plus TRL's conversational prompt–completion. */
export const DATASET_ROW_FORMATS = ["film", "chat", "prompt_completion", "raw"] as const;
export type DatasetRowFormat = (typeof DATASET_ROW_FORMATS)[number];

/** The paper's training mixture (An et al., 2024, FILM-7B): rows per part. */
export const PAPER_MIXTURE = { fine_grained: 1_100_000, integration: 300_000, short: 150_000, general: 200_000 } as const;
/** The general share of the paper's mixture: 200K of 1.75M rows. */
export const PAPER_GENERAL_SHARE = PAPER_MIXTURE.general
  / (PAPER_MIXTURE.fine_grained + PAPER_MIXTURE.integration + PAPER_MIXTURE.short + PAPER_MIXTURE.general);

const splitName = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, "split names are lowercase words (train, validation, test)");

/** Options of `layout: "hf"` (a Hub-ready folder); ignored by the JSONL layout. */
export const datasetOptions = z.object({
  /** split → fraction of documents; fractions sum to 1 */
  splits: z.record(splitName, z.number().positive().max(1)).default({ train: 1 })
    .refine((s) => Object.keys(s).length >= 1 && Math.abs(Object.values(s).reduce((a, b) => a + b, 0) - 1) < 1e-9,
      { message: "split fractions must sum to 1 (e.g. train=0.98,validation=0.02)" }),
  splitSeed: z.union([z.string().trim().min(1).max(100), z.number().int()]).transform(String).default("1"),
  /** upper bound of a shard's uncompressed rows, in MB (a shard's file is at most this big) */
  shardMb: z.number().positive().max(100_000).default(500),
  shardFormat: z.enum(["parquet", "jsonl"]).default("parquet"),
  /** chat rows written as TRL prompt–completion instead of messages */
  promptCompletion: z.boolean().default(false),
  /** the card's licence; absent: the corpora's */
  license: z.string().trim().min(1).max(100).optional(),
  /** the card's language tags (ISO 639-1) */
  language: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/)).min(1).default(["en"]),
  /** general instruction data blended in (OpenOrca, alpaca or messages rows), at a share of all rows (default: the paper's) */
  mix: z.array(z.object({ name: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/), file: z.string().min(1), share: z.number().min(0).lt(1).optional() }))
    .max(8).default([]),
});
export type DatasetOptions = z.output<typeof datasetOptions>;
export type DatasetRequest = z.input<typeof datasetOptions>;

/** `train=0.98,validation=0.02` → { train: 0.98, validation: 0.02 } (a clear error otherwise). */
export function parseSplitSpec(spec: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z][a-z0-9_]*)=([0-9.]+)$/.exec(part);
    if (!m || !Number.isFinite(Number(m[2]))) throw new Error(`--split: "${part}" is not NAME=FRACTION (e.g. train=0.98,validation=0.02)`);
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

/** `general=FILE[:SHARE]` → { name, file, share } */
export function parseMixSpec(spec: string): { name: string; file: string; share?: number } {
  const m = /^([a-z][a-z0-9_]*)=(.+?)(?::(0?\.[0-9]+|0))?$/.exec(spec.trim());
  if (!m) throw new Error(`--mix: "${spec}" is not NAME=FILE[:SHARE] (e.g. general=openorca.parquet:0.11)`);
  return { name: m[1]!, file: m[2]!, ...(m[3] !== undefined ? { share: Number(m[3]) } : {}) };
}
