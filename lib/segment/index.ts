export { codePointLength, DEFAULT_MAX_PARAGRAPH_TOKENS, DEFAULT_MIN_TOKENS, segmentDocument, type SegmentPiece } from "./segment";
export { sentenceSpans, sentencesOf, type SentenceSpan } from "./sentences";
