import type { ContextSpan } from "@/lib/assemble";

/** Assembly options as users give them (CLI flags, the UI form). */
export interface AssemblyOptions {
  minTokens: number;
  maxTokens: number;
  shortRatio: number;
  seed: string | number;
}

/** A stored context: the recipe only; the text is rebuilt from segment (or document) texts on demand. */
export interface ContextRecord {
  id: number;
  runId: number;
  pairId: number;
  kind: "long" | "short";
  seed: string;
  targetTokens: number;
  totalTokens: number;
  tokenizer: string;
  spans: ContextSpan[];
  evidenceDepths: number[];
  tokenOffsets: "exact" | "estimated";
  recipeKey: string | null;
  createdAt: string;
}

/** A span with the content keys of its segment ("<document sha256>:<index>") and document (sha256). */
export type KeyedSpan = ContextSpan & { segmentKey: string | null; documentKey: string | null };

/** A context with its text rebuilt (what export and the preview need). */
export interface ContextText {
  id: number;
  runId: number;
  pairId: number;
  text: string;
  spans: KeyedSpan[];
  kind: "long" | "short";
  totalTokens: number;
  targetTokens: number;
  tokenizer: string;
  evidenceDepths: number[];
  seed: string;
  tokenOffsets: "exact" | "estimated";
  recipeKey: string | null;
}

/** Why a pair got no context in a run, counted per code in the run summary. */
export interface AssemblyFailure {
  pairId: number;
  code: string;
  message: string;
}
