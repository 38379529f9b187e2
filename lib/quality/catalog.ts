/** Flag codes are stable API: they are stored on pairs, filtered on in the UI and respected by export. */
export type QualityCode =
  | "empty_support"
  | "support_not_found"
  | "answer_unsupported"
  | "meta_phrase"
  | "answer_in_question"
  | "question_too_short"
  | "question_too_long"
  | "answer_too_short"
  | "answer_too_long"
  | "multi_single_piece"
  | "multi_few_pieces"
  | "near_duplicate";

export type Severity = "error" | "warning";

export interface QualityFlag {
  code: string;
  reason: string;
  severity: Severity;
}

/**
 * Documented bounds. Questions: shorter than 4 words can hardly be specific to one text; longer than 60 words
 * are usually several questions in one. Answers: the paper's answers are sentences in the writer's own words, so
 * one word is suspicious; beyond 120 words the answer has become a summary.
 */
export const QUALITY_LIMITS = {
  questionMinWords: 4,
  questionMinChars: 15,
  questionMaxWords: 60,
  questionMaxChars: 400,
  answerMinWords: 2,
  answerMinChars: 3,
  answerMaxWords: 120,
  answerMaxChars: 800,
  /** answer_unsupported when fewer than this share of the answer's content words occur in the evidence */
  answerMinEvidenceOverlap: 0.4,
  /** answer_in_question when at least this share of the answer's content words already occur in the question */
  answerMaxQuestionOverlap: 0.85,
  /** default Jaccard similarity (word sets) above which two questions are near-duplicates */
  nearDuplicateJaccard: 0.8,
} as const;

/** Score = 1 − Σ penalties, clamped to [0, 1]: two errors sink a pair below most warnings-only pairs. */
export const SEVERITY_PENALTY: Record<Severity, number> = { error: 0.4, warning: 0.15 };

export function scoreFlags(flags: readonly { severity: Severity }[]): number {
  const raw = flags.reduce((s, f) => s - SEVERITY_PENALTY[f.severity], 1);
  return Math.round(Math.min(1, Math.max(0, raw)) * 1000) / 1000;
}

export interface QualityCheckInfo {
  code: QualityCode;
  label: string;
  description: string;
  /** the usual severity; answer_unsupported is an error only when a number is missing */
  severity: Severity;
}

const L = QUALITY_LIMITS;

export const QUALITY_CHECKS: readonly QualityCheckInfo[] = [
  { code: "empty_support", label: "No support", severity: "error",
    description: "The pair has no support quotes, so nothing ties the answer to the evidence." },
  { code: "support_not_found", label: "Support not in evidence", severity: "error",
    description:
      "A support quote does not occur verbatim in the evidence (compared ignoring case, whitespace, quote and dash " +
      'styles; "..." may elide).' },
  { code: "answer_unsupported", label: "Answer unsupported", severity: "warning",
    description:
      `Fewer than ${L.answerMinEvidenceOverlap * 100}% of the answer's content words (stemmed, stopwords removed) ` +
      "occur in the evidence, or a number in the answer does not (then an error)." },
  { code: "meta_phrase", label: "Meta phrase", severity: "error",
    description:
      'The question or answer refers to the prompt ("according to the passage", "the text above", "in Piece 2"), ' +
      "which means nothing inside a long context." },
  { code: "answer_in_question", label: "Answer given away", severity: "warning",
    description:
      `The question already contains the answer, or ${L.answerMaxQuestionOverlap * 100}% or more of the answer's ` +
      "content words (a yes/no question restated as its answer counts)." },
  { code: "question_too_short", label: "Question too short", severity: "warning",
    description: `Fewer than ${L.questionMinWords} words or ${L.questionMinChars} characters.` },
  { code: "question_too_long", label: "Question too long", severity: "warning",
    description: `More than ${L.questionMaxWords} words or ${L.questionMaxChars} characters.` },
  { code: "answer_too_short", label: "Answer too short", severity: "warning",
    description: `Fewer than ${L.answerMinWords} words or ${L.answerMinChars} characters.` },
  { code: "answer_too_long", label: "Answer too long", severity: "warning",
    description: `More than ${L.answerMaxWords} words or ${L.answerMaxChars} characters.` },
  { code: "multi_single_piece", label: "Multi-hop from one piece", severity: "error",
    description:
      "A multi pair whose support quotes are found in fewer than two distinct pieces, so it is not multi-hop." },
  { code: "multi_few_pieces", label: "Multi-hop needs < 2 pieces", severity: "error",
    description:
      "A multi pair whose generator says the answer needs fewer than two of the pieces it was shown (its `pieces`), " +
      "so it is not multi-hop; the other pieces stay in its context as source segments, not evidence." },
  { code: "near_duplicate", label: "Near-duplicate question", severity: "warning",
    description:
      `An earlier question in the corpus shares ${L.nearDuplicateJaccard * 100}% or more of its words (Jaccard on ` +
      'lower-cased word sets without function words like "the", "of", "did").' },
];
