/**
 * The IN2 floor (lib/segment DEFAULT_MIN_TOKENS): a document shorter than this is one segment, kept whole.
 * Its own module so browser code can import it without the segmenter; a test keeps the two equal.
 */
export const SEGMENT_FLOOR = 128;
