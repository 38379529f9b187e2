import { codePointsOf } from "./segment-facts";
import type { JoinCost } from "./token-estimate";
import type { ContextSpan, SegmentRef } from "./types";

/** A segment in its slot of a context: the source's own object (never copied, so facts cached per segment object hold), its piece and role. */
export interface Placed {
  seg: SegmentRef;
  piece: number | null;
  role: ContextSpan["role"];
}

/**
 * Spans for segments joined by a one-code-point separator.
 *
 * Token offsets come from the per-segment counts, not from count(prefix) for every segment (that would be
 * O(n²) on a 32K context): start_i = overhead + Σ_{j<i} (count_j − overhead + separator). For tokenizers additive
 * across the separator this equals count(prefix ending before segment i) exactly. Otherwise the estimate is
 * rescaled so that it agrees with the one real count of the whole string (`totalTokens`), which spreads the
 * small per-segment drift evenly instead of piling it up at the end.
 */
export function buildSpans(order: Placed[], totalTokens: number, cost: JoinCost): ContextSpan[] {
  const spans: ContextSpan[] = [];
  let char = 0;
  let est = cost.overhead;
  const raw: { start: number; end: number }[] = [];
  for (const { seg } of order) {
    const start = est;
    const end = start + seg.tokenCount - cost.overhead;
    raw.push({ start, end });
    est = end + cost.separator;
  }
  const estTotal = est - cost.separator;
  const scale = estTotal > cost.overhead ? (totalTokens - cost.overhead) / (estTotal - cost.overhead) : 1;
  const fix = (t: number): number => Math.round(cost.overhead + (t - cost.overhead) * scale);

  order.forEach(({ seg, role, piece }, i) => {
    const length = codePointsOf(seg);
    const r = raw[i] ?? { start: 0, end: 0 };
    spans.push({
      segmentId: seg.id,
      documentId: seg.documentId,
      role,
      piece,
      charStart: char,
      charEnd: char + length,
      tokenStart: fix(r.start),
      tokenEnd: fix(r.end),
    });
    char += length + 1;
  });
  return spans;
}

/**
 * Depth of each evidence span, like needle-in-a-haystack "depth %": tokens before it over the tokens of
 * everything else, so 0 = at the very start and 1 = at the very end, whatever the span's own length.
 */
export function evidenceDepths(spans: ContextSpan[], totalTokens: number): number[] {
  return spans
    .filter((s) => s.role === "evidence")
    .map((s) => {
      const rest = totalTokens - (s.tokenEnd - s.tokenStart);
      return rest > 0 ? Math.min(1, Math.max(0, s.tokenStart / rest)) : 0;
    });
}
