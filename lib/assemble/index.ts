/**
 * IN2 long-context assembly: pure and seeded; the caller loads pairs and filler segments and stores the result
 * (a recipe of segment ids and offsets, never the text).
 *
 * Decisions where the paper and the spec are silent (see each file for the why):
 * - short contexts are the source document itself; their spans mark the evidence inside it (types.ts);
 * - lengths land within ±TOLERANCE tokens of the drawn target, always inside [min, max] (filler-picker.ts);
 * - token offsets are sums of per-segment counts, exact for "\n"-additive tokenizers, rescaled to the one real
 *   count otherwise (build-spans.ts);
 * - depth = tokens before the span / tokens of everything else, as in needle-in-a-haystack (build-spans.ts);
 * - leaks are word-sequence matches of the answer and of each support quote (leak.ts).
 */
export { assembleContext } from "./assemble-context";
export { renderAssembled, renderContext } from "./render";
export { histogram, ksCriticalValue, ksPValue, ksUniformStatistic, type Histogram, type HistogramBin } from "./stats";
export { codePointLength, sliceCodePoints, utf16Offset } from "@/lib/text/code-points";
export { estimateJoined, joinCost, type JoinCost } from "./token-estimate";
export { leakDetector } from "./leak";
export { TOLERANCE } from "./filler-picker";
export {
  AssemblyError,
  AttemptDiscarded,
  type AssembleInput,
  type AssembleOptions,
  type AssembledContext,
  type AssemblyErrorCode,
  type ContextSpan,
  type CountingTokenizer,
  type FillerSource,
  type SegmentRef,
} from "./types";
