"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import { Badge } from "@/components/ui/feedback";
import { MarkedText } from "@/components/ui/marked-text";
import type { PairListItem } from "@/lib/pairs/types";
import { flagLabel } from "@/components/review/quality-flags";
import { useVerdicts } from "@/components/hooks/use-verdicts";
import { VerdictBadges } from "@/components/verify/verdict-badges";

const STATUS_COLOR = { pending: "gray", accepted: "green", rejected: "red", flagged: "amber" } as const;
// Narrow screens keep id, text and score; status and flags move under the text.
const COLS = "grid grid-cols-[3.5rem_minmax(0,1fr)_3rem] sm:grid-cols-[4.5rem_5.5rem_minmax(0,1fr)_11rem_3.5rem] lg:grid-cols-[4.5rem_5.5rem_minmax(0,1fr)_12rem_3.5rem_8rem_6rem] gap-3 items-start";
const WIDE = "hidden sm:flex";

/**
 * Virtualized rows (only what is on screen is in the DOM), keyset pages loaded on reaching the end. Rows carry
 * truncated text only; the drawer fetches the full pair.
 */
export function PairsTable({ items, hasMore, loadMore, onOpen, openId }: {
  items: PairListItem[]; hasMore: boolean; loadMore: () => void; onOpen: (id: number) => void; openId: number | null;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: items.length + (hasMore ? 1 : 0), getScrollElement: () => parent.current, estimateSize: () => 58, overscan: 10 });
  const rows = v.getVirtualItems();
  const last = rows[rows.length - 1];
  const verdicts = useVerdicts(items.map((p) => p.id), rows.map((r) => r.index));
  useEffect(() => {
    if (last && last.index >= items.length - 1 && hasMore) loadMore();
  }, [last, items.length, hasMore, loadMore]);
  return (
    <div role="table" aria-label="Pairs" className="text-[13px]">
      <div role="row" className={`${COLS} border-b border-zinc-200 bg-zinc-50 px-4 py-1.5 text-[11px] font-medium uppercase tracking-wide text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900/60`}>
        <span role="columnheader">Pair</span><span role="columnheader" className={WIDE}>Status</span><span role="columnheader">Question · answer</span>
        <span role="columnheader" className={WIDE}>Verdicts · flags</span><span role="columnheader" className="text-right">Score</span>
        <span role="columnheader" className="hidden lg:block">Model · prompt</span><span role="columnheader" className="hidden lg:block">Reviewer</span>
      </div>
      <div ref={parent} className="max-h-[calc(100vh-14rem)] min-h-24 overflow-auto">
        <div style={{ height: v.getTotalSize(), position: "relative" }}>
          {rows.map((r) => {
            const p = items[r.index];
            return (
              <div key={r.key} data-index={r.index} ref={v.measureElement} className="absolute left-0 right-0" style={{ transform: `translateY(${r.start}px)` }}>
                {p ? (
                  <div role="row" tabIndex={0} aria-selected={openId === p.id} onClick={() => onOpen(p.id)} onKeyDown={(e) => { if (e.key === "Enter") onOpen(p.id); }}
                    className={`${COLS} cursor-pointer border-b border-zinc-100 px-4 py-2 hover:bg-zinc-50 focus:bg-indigo-50/60 focus:outline-none dark:border-zinc-800 dark:hover:bg-zinc-800/50 ${openId === p.id ? "bg-indigo-50/70 dark:bg-indigo-500/10" : ""}`}>
                    <span role="cell" className="tabular text-zinc-500" aria-label={`Pair #${p.id}`}>#{p.id}<div className="text-[11px] text-zinc-400">{p.type}</div></span>
                    <span role="cell" className={`${WIDE} flex-col items-start gap-1`}><Badge color={STATUS_COLOR[p.status]}>{p.status}</Badge>{p.edited && <Badge color="indigo">edited</Badge>}</span>
                    <span role="cell" className="min-w-0">
                      {/* searching: up to three lines, so a hit late in a long question stays in view */}
                      <span className={`block font-medium text-zinc-900 dark:text-zinc-100 ${p.questionHit ? "line-clamp-3" : "truncate"}`} title={p.question}><MarkedText text={p.questionHit ?? p.question} /></span>
                      <span className={`block text-xs text-zinc-500 ${p.answerHit ? "line-clamp-2" : "truncate"}`} title={p.answer}><MarkedText text={p.answerHit ?? p.answer} /></span>
                      <span className="mt-1 flex flex-wrap gap-1 sm:hidden"><Badge color={STATUS_COLOR[p.status]}>{p.status}</Badge><VerdictBadges verdict={verdicts.get(p.id)} />{p.flags.map((f, i) => <Badge key={i} color="amber">{flagLabel(f)}</Badge>)}</span>
                    </span>
                    <span role="cell" className={`${WIDE} flex-wrap gap-1`}><VerdictBadges verdict={verdicts.get(p.id)} />{p.flags.map((f, i) => <Badge key={i} color="amber">{flagLabel(f)}</Badge>)}</span>
                    <span role="cell" className={`tabular text-right ${p.qualityScore < 0.6 ? "font-medium text-red-600 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400"}`}>{p.qualityScore.toFixed(2)}</span>
                    <span role="cell" className="hidden truncate text-xs text-zinc-500 lg:block">{p.model}<div>{p.promptVersion}</div></span>
                    <span role="cell" className="hidden truncate text-xs text-zinc-500 lg:block">{p.reviewerName ?? "–"}</span>
                  </div>
                ) : <div className="py-3 text-center text-xs text-zinc-400">Loading more…</div>}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
