import type { PairDetail } from "@/lib/pairs/types";
import { fmtInt } from "@/lib/client/format";
import { HighlightedText } from "./highlighted-text";

/** The evidence segment(s), pieces labelled as the model saw them, with the support quotes highlighted. */
export function EvidenceView({ pair }: { pair: PairDetail }) {
  const multi = pair.type === "multi";
  return (
    <section aria-label="Evidence" className="space-y-3">
      {pair.evidence.map((e) => (
        <article key={e.piece} data-testid="evidence-piece" className={`rounded-md border bg-white dark:bg-zinc-900 ${e.spans.length ? "border-zinc-300 dark:border-zinc-700" : "border-zinc-200 dark:border-zinc-800"}`}>
          <header className="flex items-center gap-2 border-b border-zinc-100 px-3 py-1.5 text-[11px] text-zinc-500 dark:border-zinc-800">
            {multi && <span className="font-semibold text-zinc-700 dark:text-zinc-300"># Piece {e.piece}</span>}
            <span className="tabular">{fmtInt(e.tokenCount)} tokens</span>
            <span className="tabular">Segment #{e.segmentId}</span>
            <a className="tabular hover:text-indigo-600 hover:underline" href={`/documents/${e.documentId}#segment-${e.segmentId}`}>Document #{e.documentId}</a>
            {e.spans.length > 0 && <span className="ml-auto">{e.spans.length === 1 ? "1 quote" : `${e.spans.length} quotes`}</span>}
          </header>
          <p className="whitespace-pre-wrap px-3 py-2.5 text-[13.5px] leading-relaxed text-zinc-800 dark:text-zinc-200">
            <HighlightedText text={e.text} spans={e.spans} />
          </p>
        </article>
      ))}
    </section>
  );
}
