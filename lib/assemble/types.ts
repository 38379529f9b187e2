import type { Rng, Seed } from "@/lib/random";

export interface SegmentRef {
  id: number;
  documentId: number;
  /** tokenizer.count(text) with the same tokenizer that is passed to assembleContext */
  tokenCount: number;
  text: string;
  /** where the segment sits in its document, in Unicode code points (stored at segmentation); short contexts use them */
  charStart?: number;
  charEnd?: number;
}

/**
 * A segment's role in a context. `evidence`: a piece the answer needs (the generator's `pieces`). `source`: another
 * segment of the same document that the generator was shown; it stays in the context (the paper shuffles the whole
 * document in) but is not evidence. `filler`: a segment of another document.
 */
export type SpanRole = "evidence" | "source" | "filler";

export interface AssembleInput {
  pairId: number;
  /**
   * The pair's content key (document sha256 + segment indexes + generation item): every seeded choice of the
   * context is drawn from a stream of (seed, key), so the same corpus and seed give the same context in any
   * database. Absent only in pure tests, where `pair:<pairId>` stands in.
   */
  key?: string;
  type: "single" | "multi";
  /**
   * The segments the generator saw; piece is 1-based (always 1 for single pairs). `needed: false` marks a piece the
   * answer does not need (placed as a `source` segment); absent or true = evidence.
   */
  evidence: (SegmentRef & { piece: number; needed?: boolean })[];
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
  role: SpanRole;
  /** the piece number the generator saw (evidence and source), null for fillers */
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
  /** per evidence span (role "evidence" only), in span order: tokensBefore / (totalTokens − spanTokens), in [0, 1] */
  evidenceDepths: number[];
  /**
   * "exact": every span's token offsets equal the token counts of the context before it / through it (the
   * tokenizer is additive across "\n" on these texts, or the offsets were counted); "estimated": sums of
   * per-segment counts rescaled to the real total.
   */
  tokenOffsets: "exact" | "estimated";
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
  /**
   * Optional: true once the current attempt drew a stand-in (a segment whose text is not loaded yet) and will
   * be thrown away by the caller. assembleContext then stops after its draws with AttemptDiscarded.
   */
  discarded?(): boolean;
}

/** Thrown by assembleContext when the filler source said the attempt is discarded (see FillerSource.discarded). */
export class AttemptDiscarded extends Error {
  constructor() {
    super("attempt discarded: it drew segments that are not loaded yet");
    this.name = "AttemptDiscarded";
  }
}

/**
 * Only count() is required. newlineAdditivity (from lib/tokenize) is used, when present, for the separator cost
 * and to prove token offsets exact (holds() true for every joined text).
 */
export interface CountingTokenizer {
  count(text: string): number;
  readonly newlineAdditivity?: { readonly separatorTokens: number; holds?(text: string): boolean };
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
