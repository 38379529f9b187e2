/** The two private-use characters that wrap a search hit in server text (see highlight.ts); safe in the browser bundle. */
export const HL_START = "\uE000";
export const HL_STOP = "\uE001";
