"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import { fmtInt } from "@/lib/client/format";
import type { PreviewBlock } from "@/lib/contexts/preview";
import { BlockText } from "./block-text";
import { pieceStyle } from "./piece-style";

export interface Jump { index: number; nonce: number }

/**
 * The whole context, virtualized by block (segment): only the blocks on screen are in the DOM, so a 32K-token
 * context (~200 segments, ~130K characters) scrolls without layout stalls. Heights are measured as blocks render.
 */
export function ContextText({ blocks, start, jump, onRange }: {
  blocks: PreviewBlock[];
  /** the block to open at (the first evidence piece), so the preview never opens on filler with no evidence in view */
  start: number;
  jump: Jump | null;
  onRange: (first: number, last: number) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: blocks.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => 28 + Math.ceil((blocks[i]?.text.length ?? 0) / 110) * 22,
    overscan: 4,
  });
  useEffect(() => {
    if (jump) v.scrollToIndex(jump.index, { align: "start" });
  }, [jump, v]);
  // once, when the text first renders (a jump later wins); a second pass after heights are measured lands exactly
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || start <= 0) return;
    opened.current = true;
    v.scrollToIndex(start, { align: "start" });
    const again = requestAnimationFrame(() => v.scrollToIndex(start, { align: "start" }));
    return () => cancelAnimationFrame(again);
  }, [start, v]);
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => onRange(first, last), [first, last, onRange]);
  return (
    <div ref={scroller} className="h-full overflow-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
      data-testid="context-scroller" tabIndex={0} aria-label="Context text">
      <div style={{ height: v.getTotalSize(), position: "relative" }}>
        {items.map((item) => {
          const b = blocks[item.index]!;
          const evidence = b.role === "evidence";
          const source = b.role === "source";
          const style = pieceStyle(b.piece);
          // source pieces: shown to the generator, not needed by the answer — a dashed grey frame, never a piece colour
          const frame = evidence ? "" : source ? "border border-dashed border-zinc-400 bg-zinc-50 dark:border-zinc-600 dark:bg-zinc-800/40" : "";
          return (
            <div key={item.key} ref={v.measureElement} data-index={item.index} className="absolute left-0 top-0 w-full px-3 py-1"
              style={{ transform: `translateY(${item.start}px)` }}>
              <div className={`flex gap-3 rounded-md px-2 py-1.5 ${frame} ${jump?.index === item.index && evidence ? "ring-4 ring-zinc-400/60" : ""}`}
                style={evidence ? style.block : undefined}
                data-testid={evidence ? "evidence-block" : source ? "source-block" : undefined} data-piece={b.piece ?? undefined}>
                <div className="tabular w-20 shrink-0 pt-0.5 text-right text-[11px] leading-5 text-zinc-400" title="token offset of this segment">
                  {evidence ? <span className="inline-flex items-center gap-1 font-semibold text-zinc-700 dark:text-zinc-200">
                    <span className="inline-block size-2.5 rounded-sm outline outline-1 outline-zinc-900/50" style={{ background: style.swatch }} aria-hidden />Piece {b.piece}</span>
                    : source ? <span className="italic text-zinc-500" title="the generator saw this piece; the answer does not need it">source {b.piece}</span>
                    : b.role === "filler" ? "filler" : "document"}
                  <div>{fmtInt(b.tokenStart)}</div>
                </div>
                <p className="min-w-0 flex-1 whitespace-pre-wrap break-words font-serif text-[13.5px] leading-[22px] text-zinc-800 dark:text-zinc-200"
                  data-testid={evidence ? "evidence-text" : undefined}>
                  <BlockText text={b.text} marks={b.marks} markStyle={style.mark} />
                </p>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
