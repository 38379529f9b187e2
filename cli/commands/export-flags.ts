import path from "node:path";
import { parseMixSpec, parseSplitSpec, type DatasetRequest } from "@/lib/dataset/params";
import { UsageError, type Values } from "../command";

export const list = (v: unknown) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : undefined);
export const num = (v: unknown) => (v === undefined ? undefined : Number(v));

/** --layout and --out checked together, and the hf layout's flags as dataset options; the same locally and remotely. */
export function layoutFlags(v: Values): { hf: boolean; out: string; dataset: DatasetRequest | undefined; promptCompletion: boolean } {
  const hf = v.layout === "hf";
  if (v.layout !== undefined && v.layout !== "hf" && v.layout !== "jsonl") throw new UsageError("--layout is jsonl (one file) or hf (a Hub-ready folder)");
  if (typeof v.out !== "string") throw new UsageError(hf ? "say where to write: --out DIR" : "say where to write: --out PATH.jsonl or PATH.jsonl.gz");
  if (!hf && !/\.jsonl(\.gz)?$/.test(v.out)) throw new UsageError("--out must end in .jsonl or .jsonl.gz (or use --layout hf --out DIR)");
  if (hf && /\.jsonl(\.gz)?$/.test(v.out)) throw new UsageError("--layout hf writes a folder: --out DIR, not a .jsonl file");
  if (!hf && datasetFlagGiven(v)) throw new UsageError("--split, --shard-mb, --shard-format, --mix, --license and --language need --layout hf");
  const promptCompletion = v.format === "prompt_completion";
  if (promptCompletion && !hf) throw new UsageError("--format prompt_completion needs --layout hf (JSON Lines exports: film, chat or raw)");
  return { hf, out: v.out, dataset: hf ? datasetFlags(v) : undefined, promptCompletion };
}

const DATASET_FLAGS = ["split", "split-seed", "shard-mb", "shard-format", "mix", "license", "language"] as const;

function datasetFlagGiven(v: Values): boolean {
  return DATASET_FLAGS.some((f) => v[f] !== undefined);
}

/** The hf layout's flags as dataset options (zod checks them with the rest; a malformed spec is a usage error). */
export function datasetFlags(v: Values): DatasetRequest {
  try {
    return {
      ...(typeof v.split === "string" ? { splits: parseSplitSpec(v.split) } : {}),
      ...(typeof v["split-seed"] === "string" ? { splitSeed: v["split-seed"] } : {}),
      ...(v["shard-mb"] !== undefined ? { shardMb: Number(v["shard-mb"]) } : {}),
      ...(v["shard-format"] !== undefined ? { shardFormat: v["shard-format"] as "parquet" | "jsonl" } : {}),
      ...(Array.isArray(v.mix) ? { mix: v.mix.map((m) => parseMixSpec(String(m))).map((m) => ({ ...m, file: path.resolve(m.file) })) } : {}),
      ...(typeof v.license === "string" ? { license: v.license } : {}),
      ...(typeof v.language === "string" ? { language: list(v.language) } : {}),
    };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

