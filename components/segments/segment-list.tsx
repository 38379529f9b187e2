"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useEffect, useRef } from "react";
import type { SegmentListItem } from "@/lib/corpus/segments";
import { MarkedText } from "@/components/ui/marked-text";
import { fmtInt } from "@/lib/client/format";
import { SEGMENT_FLOOR } from "@/lib/corpus/floor";

/**
 * A virtualized list: only the rows on screen are in the DOM, so tens of thousands of loaded rows scroll
 * smoothly. Reaching the end asks for the next keyset page.
 */
export function SegmentList({ items, hasMore, loadMore, selected, toggle }: {
  items: SegmentListItem[]; hasMore: boolean; loadMore: () => void; selected: ReadonlySet<number>; toggle: (id: number) => void;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: items.length + (hasMore ? 1 : 0), getScrollElement: () => parent.current, estimateSize: () => 76, overscan: 8 });
  const virtual = v.getVirtualItems();
  const last = virtual[virtual.length - 1];
  useEffect(() => {
    if (last && last.index >= items.length - 1 && hasMore) loadMore();
  }, [last, items.length, hasMore, loadMore]);
  return (
    <div ref={parent} className="h-[calc(100vh-19rem)] min-h-80 overflow-auto" role="list" aria-label="Segments">
      <div style={{ height: v.getTotalSize(), position: "relative" }}>
        {virtual.map((row) => {
          const s = items[row.index];
          return (
            <div key={row.key} data-index={row.index} ref={v.measureElement} role="listitem"
              className="absolute left-0 right-0 border-b border-zinc-100 px-4 py-2 dark:border-zinc-800" style={{ transform: `translateY(${row.start}px)` }}>
              {s ? (
                <div className="grid grid-cols-[1.25rem_7rem_1fr] gap-3">
                  <input type="checkbox" className="mt-1 accent-indigo-600" checked={selected.has(s.id)} onChange={() => toggle(s.id)} aria-label={`Select segment ${s.id}`} />
                  <div className="tabular text-xs text-zinc-500">
                    <div className="font-medium text-zinc-800 dark:text-zinc-200">{fmtInt(s.tokenCount)} tokens</div>
                    {s.tokenCount < SEGMENT_FLOOR && <div className="text-amber-700 dark:text-amber-400" title="The document is shorter than 128 tokens, so the recipe keeps it whole as one segment">whole document</div>}
                    <div>Segment #{s.id}</div>
                    <Link className="text-indigo-600 hover:underline" prefetch={false} href={`/documents/${s.documentId}#segment-${s.id}`}>Document #{s.documentId}</Link>
                  </div>
                  <p className="line-clamp-3 text-sm"><MarkedText text={s.preview} /></p>
                </div>
              ) : <div className="py-3 text-center text-xs text-zinc-400">Loading more…</div>}
            </div>
          );
        })}
      </div>
    </div>
  );
}
