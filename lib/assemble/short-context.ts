import { evidenceDepths } from "./build-spans";
import { codePointLength, utf16Offset } from "@/lib/text/code-points";
import { AssemblyError, type AssembleInput, type AssembledContext, type ContextSpan, type CountingTokenizer, type SegmentRef } from "./types";

/**
 * A short context is the pair's original document, untouched (the paper keeps ~10% of pairs this way so the
 * model does not forget short tasks). Its spans mark each evidence segment inside the document, so the preview
 * can highlight it and depths are real; the text between spans is document text that no stored segment covers.
 *
 * Spans come from the segments' stored offsets (never a text search), for evidence and source pieces alike. Token
 * offsets are count(document prefix) at each boundary: affordable, there is no 32K string here, only the document.
 */
export function assembleShort(
  input: AssembleInput,
  evidence: AssembleInput["evidence"],
  tokenizer: CountingTokenizer,
  seed: string,
): AssembledContext {
  const doc = input.sourceDocument.text;
  const totalTokens = tokenizer.count(doc);
  // code point → UTF-16 offsets, computed once for the document (no per-span rescans)
  const cpLength = codePointLength(doc);
  const spans: ContextSpan[] = evidence.map((e) => {
    const at = locate(doc, e, cpLength);
    if (!at) {
      const message = `Pair ${input.pairId}: segment ${e.id} was not found in document ${input.sourceDocument.id}.`;
      throw new AssemblyError("evidence_not_in_document", message);
    }
    return {
      segmentId: e.id,
      documentId: e.documentId,
      role: e.needed === false ? "source" : "evidence",
      piece: e.piece,
      charStart: at.cpStart,
      charEnd: at.cpEnd,
      tokenStart: tokenizer.count(doc.slice(0, at.start)),
      tokenEnd: tokenizer.count(doc.slice(0, at.end)),
    };
  });
  spans.sort((a, b) => a.charStart - b.charStart);
  // count(prefix) is the tokenisation of the whole document up to the span only if no token crosses the boundary:
  // proven for tokenizers additive across "\n" (segments start and end at paragraph breaks).
  const additive = tokenizer.newlineAdditivity;
  const exact = additive?.holds?.(doc) === true;
  return {
    pairId: input.pairId,
    kind: "short",
    targetTokens: totalTokens,
    totalTokens,
    spans,
    evidenceDepths: evidenceDepths(spans, totalTokens),
    tokenOffsets: exact ? "exact" : "estimated",
    seed,
    sourceDocumentId: input.sourceDocument.id,
    leakyFillersRejected: 0,
  };
}

/**
 * Where a segment sits in its document: the offsets stored at segmentation (code points), checked against the
 * text, so a paragraph repeated in the document is marked where this segment really is. Inputs without stored
 * offsets (pure tests) fall back to the first occurrence.
 */
function locate(doc: string, seg: SegmentRef, cpLength: number): { start: number; end: number; cpStart: number; cpEnd: number } | null {
  let near = 0;
  if (seg.charStart !== undefined && seg.charEnd !== undefined && seg.charStart >= 0 && seg.charEnd <= cpLength) {
    const start = utf16Offset(doc, seg.charStart);
    const end = start + utf16Offset(doc.slice(start), seg.charEnd - seg.charStart);
    if (doc.slice(start, end) === seg.text) return { start, end, cpStart: seg.charStart, cpEnd: seg.charEnd };
    near = start;
  }
  // Offsets that do not reproduce the text (a segmenter that normalised whitespace): the occurrence nearest to them.
  let at = -1;
  for (let i = doc.indexOf(seg.text); i >= 0; i = doc.indexOf(seg.text, i + 1)) {
    if (at < 0 || Math.abs(i - near) < Math.abs(at - near)) at = i;
    if (i > near) break;
  }
  if (at < 0) return null;
  const cpStart = codePointLength(doc.slice(0, at));
  return { start: at, end: at + seg.text.length, cpStart, cpEnd: cpStart + codePointLength(seg.text) };
}
