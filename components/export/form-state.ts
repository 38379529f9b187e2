import type { ExportFormat, ExportType, PairStatus } from "@/lib/export/params";
import { ASSEMBLY_DEFAULTS } from "@/lib/export/params";
import type { StartExportBody } from "@/lib/export/schemas";
import { parseSplitSpec } from "@/lib/dataset/params";

export interface ExportFormState {
  format: ExportFormat;
  statuses: PairStatus[];
  types: ExportType[];
  seed: string;
  gzip: boolean;
  /** gzip level 1–9 (1 fastest, 6 zlib's default, 9 smallest) */
  compressionLevel: string;
  minTokens: string;
  maxTokens: string;
  shortRatio: string;
  /** "" = contexts with this recipe (reused when equal, assembled otherwise); an id = exactly that run's contexts */
  runId: string;
  /** "" = no limit */
  maxExampleTokens: string;
  verified: boolean;
  /** jsonl: one file; hf: a Hub-ready folder (Parquet shards per split, dataset card, croissant.json) */
  layout: "jsonl" | "hf";
  /** hf: "train=0.98,validation=0.02" (by document) */
  split: string;
  splitSeed: string;
  shardFormat: "parquet" | "jsonl";
  /** hf + chat: TRL prompt–completion rows instead of messages */
  promptCompletion: boolean;
  /** hf: the card's licence; "" = the corpora's */
  license: string;
}

export const INITIAL_FORM: ExportFormState = {
  format: "film", statuses: ["accepted"], types: [], seed: ASSEMBLY_DEFAULTS.seed, gzip: true, compressionLevel: "6", runId: "", maxExampleTokens: "",
  minTokens: String(ASSEMBLY_DEFAULTS.minTokens), maxTokens: String(ASSEMBLY_DEFAULTS.maxTokens), shortRatio: String(ASSEMBLY_DEFAULTS.shortRatio), verified: false,
  layout: "jsonl", split: "train=0.98,validation=0.02", splitSeed: "1", shardFormat: "parquet", promptCompletion: false, license: "",
};

/** The hf layout's part of the body; a malformed split spec is sent empty, so the server's message names the rule. */
function layoutBody(f: ExportFormState): Pick<StartExportBody, "layout" | "dataset"> {
  if (f.layout !== "hf") return {};
  let splits: Record<string, number> = {};
  try {
    splits = parseSplitSpec(f.split);
  } catch { /* the server says what a split spec looks like */ }
  return { layout: "hf", dataset: { splits, splitSeed: f.splitSeed.trim() || "1", shardFormat: f.shardFormat,
    promptCompletion: f.format === "chat" && f.promptCompletion, ...(f.license.trim() ? { license: f.license.trim() } : {}) } };
}

export const FORMATS = [
  { value: "film", title: "FILM template", hint: "prompt / completion: [INST] … ### Context … ### Instruction … [/INST]" },
  { value: "chat", title: "Chat messages", hint: "user (context, then question) / assistant (answer), for chat fine-tuning" },
  { value: "raw", title: "Raw with positions", hint: "every field, segments with code point and token offsets, depths, provenance" },
] as const;

export const STATUS_INFO: Record<PairStatus, { label: string; warn?: string }> = {
  accepted: { label: "Accepted" },
  pending: { label: "Pending", warn: "not reviewed yet" },
  flagged: { label: "Flagged", warn: "marked doubtful by a reviewer" },
  rejected: { label: "Rejected", warn: "judged wrong: never train on these by accident" },
};

export const TYPE_INFO: Record<ExportType, string> = {
  single: "Type 1 · single segment in a long context",
  multi: "Type 2 · several pieces in a long context",
  short: "Short · the original document as context",
};

export function toBody(f: ExportFormState): StartExportBody {
  const limit = {
    ...(f.maxExampleTokens.trim() ? { maxExampleTokens: Number(f.maxExampleTokens) } : {}),
    ...(f.gzip && f.layout === "jsonl" ? { compressionLevel: Number(f.compressionLevel) } : {}),
  };
  // a run brings its own recipe (seed included): sending ours too could only disagree with it
  if (f.runId) return { format: f.format, statuses: f.statuses, types: f.types, gzip: f.gzip, runId: Number(f.runId), verified: f.verified, ...limit, ...layoutBody(f) };
  return {
    ...limit,
    ...layoutBody(f),
    format: f.format, statuses: f.statuses, types: f.types, seed: f.seed.trim(), gzip: f.gzip,
    minTokens: Number(f.minTokens), maxTokens: Number(f.maxTokens), shortRatio: Number(f.shortRatio), verified: f.verified,
  };
}

export function toggle<T>(list: T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}
