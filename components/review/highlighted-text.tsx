import type { ReactNode } from "react";
import type { EvidenceSpan } from "@/lib/pairs/types";
import { quoteStyle } from "./quote-style";

/**
 * Text with the support quotes marked. Spans are sorted and overlaps clipped (two quotes may share words), so
 * every character is rendered exactly once.
 */
export function HighlightedText({ text, spans }: { text: string; spans: EvidenceSpan[] }) {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ReactNode[] = [];
  let at = 0;
  for (const s of sorted) {
    const start = Math.max(s.start, at);
    if (s.end <= start) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push(
      <mark key={`${s.quote}-${start}`} data-quote={s.quote + 1}
        className={`rounded-sm px-0.5 text-inherit underline decoration-2 underline-offset-[3px] ${quoteStyle(s.quote)}`}>
        <sup className="mr-0.5 select-none font-mono text-[9px] font-semibold not-italic text-zinc-600 dark:text-zinc-300">{s.quote + 1}</sup>
        {text.slice(start, s.end)}
      </mark>,
    );
    at = s.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return <>{out}</>;
}
