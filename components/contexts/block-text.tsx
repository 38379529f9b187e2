import type { CSSProperties } from "react";
import type { Mark } from "@/lib/contexts/preview";

interface Run { text: string; support: boolean; answer: boolean }

/** Cuts the text at every mark boundary, so overlapping support and answer marks nest cleanly. */
export function splitMarks(text: string, marks: Mark[]): Run[] {
  const cuts = new Set([0, text.length]);
  for (const m of marks) { cuts.add(Math.max(0, Math.min(text.length, m.start))); cuts.add(Math.max(0, Math.min(text.length, m.end))); }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i]!, points[i + 1]!];
    if (a === b) continue;
    const inside = (kind: Mark["kind"]) => marks.some((m) => m.kind === kind && m.start <= a && m.end >= b);
    runs.push({ text: text.slice(a, b), support: inside("support"), answer: inside("answer") });
  }
  return runs;
}

/** Corpus text as React text nodes (never HTML), with support quotes underlined and the answer boxed. */
export function BlockText({ text, marks, markStyle }: { text: string; marks: Mark[]; markStyle: CSSProperties }) {
  if (marks.length === 0) return <>{text}</>;
  return (
    <>
      {splitMarks(text, marks).map((r, i) => {
        if (!r.support && !r.answer) return <span key={i}>{r.text}</span>;
        const cls = [
          r.support ? "underline decoration-2 underline-offset-2" : "",
          r.answer ? "rounded-sm font-semibold outline-2 outline-dashed outline-offset-1 outline-zinc-700 dark:outline-zinc-200" : "",
        ].join(" ");
        return <mark key={i} className={`bg-transparent text-inherit ${cls}`} style={r.support ? markStyle : undefined}
          data-mark={r.answer ? "answer" : "support"}>{r.text}</mark>;
      })}
    </>
  );
}
