import type { QualityFlag } from "@/lib/quality";
import type { PairStatus, PairType } from "./schemas";

/** A support quote located inside one evidence piece (UTF-16 offsets, end exclusive). */
export interface EvidenceSpan { quote: number; start: number; end: number }

export interface EvidencePiece {
  piece: number;
  segmentId: number;
  documentId: number;
  tokenCount: number;
  text: string;
  spans: EvidenceSpan[];
}

/** Everything the focus view shows for one pair. */
export interface PairDetail {
  id: number;
  type: PairType;
  status: PairStatus;
  version: number;
  question: string;
  answer: string;
  support: string[];
  edited: boolean;
  original: unknown;
  provider: string;
  model: string;
  promptVersion: string;
  qualityFlags: QualityFlag[];
  qualityScore: number;
  reviewerId: number | null;
  reviewerName: string | null;
  reviewedAt: string | null;
  updatedAt: string;
  corpusId: number;
  documentId: number;
  evidence: EvidencePiece[];
  /** indexes of support quotes found in no piece */
  missingQuotes: number[];
}

/** A table row: narrow columns, the question and answer in full, never the evidence. */
export interface PairListItem {
  id: number;
  type: PairType;
  status: PairStatus;
  version: number;
  question: string;
  answer: string;
  /** with a text search: question and answer with the matching words marked (lib/search/highlight.ts) */
  questionHit?: string;
  answerHit?: string;
  model: string;
  promptVersion: string;
  qualityScore: number;
  flags: string[];
  edited: boolean;
  reviewerName: string | null;
  updatedAt: string;
}

export interface PairEventItem {
  id: number;
  kind: string;
  actorId: number | null;
  actorName: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: string;
}

/** The reply to every write on one pair: the pair as it is now and the event to undo it by. */
export interface PairWriteResult { pair: PairDetail; eventId: number | null }
