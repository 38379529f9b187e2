import type { AppliedRecipe, KeyedSpan, Resolution } from "@/lib/contexts";
import type { ExportType, PairStatus } from "./params";

/** One span of a context recipe with its content keys (offsets in Unicode code points, end exclusive). */
export type RecipeSpan = KeyedSpan;

/** A context with its text rebuilt: what lib/contexts' loadContextTexts returns. */
export interface LoadedContext {
  runId: number;
  text: string;
  spans: RecipeSpan[];
  kind: "long" | "short";
  totalTokens: number;
  tokenizer: string;
  evidenceDepths: number[];
  seed: string;
  tokenOffsets: "exact" | "estimated";
  /**
   * JSON.stringify(text) as UTF-8 bytes, quotes included, in pieces (as they came off the socket), when the store
   * already has them (context-bytes.ts): the formatters write these bytes instead of the text, which then is only
   * decoded if something reads it.
   */
  readonly textJson?: readonly Buffer[];
}

/** The options that decide contexts: the recipe (absent values: the run's or the defaults) and the run to export. */
export interface ContextRequestOptions {
  minTokens?: number; maxTokens?: number; shortRatio?: number; seed?: string; tokenizer?: string; runId?: number;
  /** an hf export's splits by document: each pair's fillers then come only from documents of its own split */
  split?: { seed: string; fractions: Record<string, number> };
}

/** The contexts of one export: opened once (recipe fixed, eval sets read once), then asked page by page. */
export interface ContextSession {
  readonly recipe: AppliedRecipe;
  resolve(pairIds: number[]): Promise<Resolution>;
}

/**
 * The two things export needs from the context store. The app uses lib/contexts (contexts-adapter.ts); tests can
 * hand in contexts they inserted themselves.
 */
export interface ContextStore {
  open(req: ContextRequestOptions): Promise<ContextSession>;
  load(contextIds: number[]): Promise<Map<number, LoadedContext>>;
}

/** A pair as exported: its fields, its keys, its review and its context. */
export interface ExportRecord {
  id: number;
  /** the pair's content key (generation item key) */
  key: string | null;
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
  /** the source document's sha256 */
  documentKey: string;
  url: string | null;
  context: LoadedContext;
  /** tokens of the whole training example (template, context, question, answer); see manifest definitions */
  exampleTokens: number;
}
