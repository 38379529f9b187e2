import { findSupportSpans } from "@/lib/quality/spans";
import { evidenceDepths } from "./build-spans";
import { codePointLength } from "./text-offsets";
import { AssemblyError, type AssembleInput, type AssembledContext, type ContextSpan, type CountingTokenizer } from "./types";

/**
 * A short context is the pair's original document, untouched (the paper keeps ~10% of pairs this way so the
 * model does not forget short tasks). Its spans mark each evidence segment inside the document, so the preview
 * can highlight it and depths are real; the text between spans is document text that no stored segment covers.
 *
 * Token offsets are exact: count(document prefix) at each boundary. Affordable because there is no 32K string here,
 * only the document itself, and a handful of boundaries.
 */
export function assembleShort(
  input: AssembleInput,
  evidence: AssembleInput["evidence"],
  tokenizer: CountingTokenizer,
  seed: string,
): AssembledContext {
  const doc = input.sourceDocument.text;
  const totalTokens = tokenizer.count(doc);
  const spans: ContextSpan[] = evidence.map((e) => {
    const at = locate(doc, e.text);
    if (!at) {
      const message = `Pair ${input.pairId}: segment ${e.id} was not found in document ${input.sourceDocument.id}.`;
      throw new AssemblyError("evidence_not_in_document", message);
    }
    const charStart = codePointLength(doc.slice(0, at.start));
    return {
      segmentId: e.id,
      documentId: e.documentId,
      role: "evidence",
      piece: e.piece,
      charStart,
      charEnd: charStart + codePointLength(doc.slice(at.start, at.end)),
      tokenStart: tokenizer.count(doc.slice(0, at.start)),
      tokenEnd: tokenizer.count(doc.slice(0, at.end)),
    };
  });
  spans.sort((a, b) => a.charStart - b.charStart);
  return {
    pairId: input.pairId,
    kind: "short",
    targetTokens: totalTokens,
    totalTokens,
    spans,
    evidenceDepths: evidenceDepths(spans, totalTokens),
    seed,
    sourceDocumentId: input.sourceDocument.id,
    leakyFillersRejected: 0,
  };
}

/**
 * UTF-16 range of a segment in its document. Segments are paragraphs re-joined with "\n", so they are normally
 * a verbatim substring; if the segmenter normalised whitespace, fall back to the whitespace-tolerant matcher.
 */
function locate(doc: string, segment: string): { start: number; end: number } | null {
  const at = doc.indexOf(segment);
  if (at >= 0) return { start: at, end: at + segment.length };
  const [hit] = findSupportSpans(doc, [segment]);
  return hit ? { start: hit.start, end: hit.end } : null;
}
