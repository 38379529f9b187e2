export { codePointLength, DEFAULT_MIN_TOKENS, segmentDocument, type SegmentPiece } from "./segment";
