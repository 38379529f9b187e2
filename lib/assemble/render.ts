import type { AssembledContext, ContextSpan } from "./types";

/** The text of a long context: its segments in order, joined by "\n". */
export function renderContext(spans: ContextSpan[], textOf: (segmentId: number) => string): string {
  return spans.map((s) => textOf(s.segmentId)).join("\n");
}

/** The text of any assembled context; a short one is its source document's text. */
export function renderAssembled(
  ctx: Pick<AssembledContext, "kind" | "spans">,
  textOf: (segmentId: number) => string,
  documentText: () => string,
): string {
  return ctx.kind === "short" ? documentText() : renderContext(ctx.spans, textOf);
}
