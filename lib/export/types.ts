import type { ContextSpan } from "@/lib/assemble";
import type { ExportType, PairStatus } from "./params";

/** One span of a context recipe, as lib/contexts stores it (offsets in Unicode code points, end exclusive). */
export type RecipeSpan = ContextSpan;

/** A context with its text rebuilt: what lib/contexts' loadContextText(s) returns. */
export interface LoadedContext {
  text: string;
  spans: RecipeSpan[];
  kind: "long" | "short";
  totalTokens: number;
  tokenizer: string;
  evidenceDepths: number[];
  seed: string;
}

/** The assembly options a pair without a context is assembled with at export time. */
export interface EnsureOptions { minTokens: number; maxTokens: number; shortRatio: number; seed: string }

/**
 * The two things export needs from the context store. The app uses lib/contexts (contexts-adapter.ts); tests can
 * hand in contexts they inserted themselves.
 */
export interface ContextStore {
  /** pair id → context id; pairs without one are assembled; a pair that cannot be assembled is left out */
  ensure(pairIds: number[], opts: EnsureOptions): Promise<Map<number, number>>;
  load(contextIds: number[]): Promise<Map<number, LoadedContext>>;
}

/** A pair as exported: its fields, its review and its context. */
export interface ExportRecord {
  id: number;
  type: ExportType;
  question: string;
  answer: string;
  support: string[];
  status: PairStatus;
  edited: boolean;
  reviewer: string | null;
  provider: string;
  model: string;
  promptVersion: string;
  documentId: number;
  url: string | null;
  context: LoadedContext;
}
