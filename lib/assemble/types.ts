import type { Rng, Seed } from "@/lib/random";

export interface SegmentRef {
  id: number;
  documentId: number;
  /** tokenizer.count(text) with the same tokenizer that is passed to assembleContext */
  tokenCount: number;
  text: string;
}

export interface AssembleInput {
  pairId: number;
  type: "single" | "multi";
  /** the key segment(s); piece is 1-based (always 1 for single pairs) */
  evidence: (SegmentRef & { piece: number })[];
  answer: string;
  support: string[];
  sourceDocument: { id: number; text: string; tokenCount: number };
}

export interface AssembleOptions {
  minTokens: number;
  maxTokens: number;
  /** share of pairs that keep their original document as the whole context (the paper used ~0.1) */
  shortRatio: number;
  seed: Seed;
  separator?: "\n";
}

export interface ContextSpan {
  segmentId: number;
  documentId: number;
  role: "evidence" | "filler";
  /** the evidence piece number, null for fillers */
  piece: number | null;
  /** Unicode code point offsets into the final context string (like Python slices), end exclusive */
  charStart: number;
  charEnd: number;
  /** tokens before the segment's first / after its last token, in the tokenisation of the whole context */
  tokenStart: number;
  tokenEnd: number;
}

export interface AssembledContext {
  pairId: number;
  /**
   * "long": spans tile the context in order, joined by the separator; renderContext() rebuilds the text.
   * "short": the context IS the source document's text; spans only mark where the evidence sits inside it (the
   * text between them belongs to no stored segment), so render it with renderAssembled(ctx, …, documentText).
   */
  kind: "long" | "short";
  /** the drawn target length (long), or the document's token count (short) */
  targetTokens: number;
  /** tokenizer.count of the final context string */
  totalTokens: number;
  spans: ContextSpan[];
  /** per evidence span, in span order: tokensBefore / (totalTokens − spanTokens), in [0, 1] */
  evidenceDepths: number[];
  /** the run seed as given (stringified); the pair's stream is derived from (seed, pairId) */
  seed: string;
  /** the pair's source document: the whole context for "short", never a filler source for "long" */
  sourceDocumentId: number;
  /** fillers drawn but turned away because they contained the answer or a support quote (for run summaries) */
  leakyFillersRejected: number;
}

/** The caller's pool of random filler segments (an in-memory sample, a DB query…). */
export interface FillerSource {
  /**
   * Up to `count` random segments whose documentId is not in excludeDocumentIds. Must be a deterministic
   * function of the rng's state (and the pool) so that the same seed gives the same contexts. Returning fewer
   * than asked means the pool is exhausted.
   */
  draw(rng: Rng, excludeDocumentIds: Set<number>, count: number): SegmentRef[];
}

/** Only count() is required. newlineAdditivity (from lib/tokenize) is used, when present, for the separator cost. */
export interface CountingTokenizer {
  count(text: string): number;
  readonly newlineAdditivity?: { readonly separatorTokens: number };
}

export type AssemblyErrorCode =
  | "evidence_too_long"
  | "filler_exhausted"
  | "length_unreachable"
  | "evidence_not_in_document"
  | "invalid_options";

/** A pair that cannot be assembled; jobs record the code per item and carry on. */
export class AssemblyError extends Error {
  constructor(
    readonly code: AssemblyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AssemblyError";
  }
}
