"use client";

import type { PreviewBlock } from "@/lib/contexts/preview";
import { pieceStyle } from "./piece-style";

/** Minimap marks never closer than this (percent of the column), so close pieces stay apart and their numbers readable. */
const MARK = 3.4;

/**
 * Where each evidence mark goes: at its depth, pushed down just enough to clear the one above, then (if the last ones
 * ran off the bottom) pushed back up; marks keep their order. Returns top percentages.
 */
export function separateMarks(tops: number[], size = MARK): number[] {
  const out = tops.map((t) => Math.min(Math.max(t, 0), 100 - size));
  for (let i = 1; i < out.length; i++) out[i] = Math.max(out[i]!, out[i - 1]! + size);
  for (let i = out.length - 1; i >= 0; i--) out[i] = Math.min(out[i]!, (i === out.length - 1 ? 100 : out[i + 1]!) - size);
  return out;
}

/**
 * The whole context as one column, top = first token: evidence pieces as coloured, outlined bands labelled with
 * their depth, the visible window as a grey frame. Clicking anywhere jumps there.
 */
export function Minimap({ blocks, total, depths, range, onJump }: {
  blocks: PreviewBlock[];
  total: number;
  depths: number[];
  range: [number, number];
  onJump: (index: number) => void;
}) {
  const t = Math.max(total, 1);
  const evidence = blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.role === "evidence");
  const sources = blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.role === "source");
  const placed = separateMarks(evidence.map(({ b }) => (b.tokenStart / t) * 100));
  const top = ((blocks[range[0]]?.tokenStart ?? 0) / t) * 100;
  const bottom = ((blocks[range[1]]?.tokenEnd ?? 0) / t) * 100;
  const jumpAt = (fraction: number) => {
    const token = fraction * t;
    const i = blocks.findIndex((b) => b.tokenEnd >= token);
    onJump(i < 0 ? blocks.length - 1 : i);
  };
  return (
    <div className="relative h-full w-full cursor-pointer rounded-md border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900"
      role="img" aria-label={`Minimap: evidence at ${depths.map((d) => `${Math.round(d * 100)}%`).join(", ")} of the context`} data-testid="minimap"
      onClick={(e) => { const r = e.currentTarget.getBoundingClientRect(); jumpAt((e.clientY - r.top) / r.height); }}>
      {[25, 50, 75].map((p) => (
        <div key={p} className="absolute inset-x-0 border-t border-dashed border-zinc-200 dark:border-zinc-800" style={{ top: `${p}%` }}>
          <span className="tabular absolute right-1 -translate-y-1/2 bg-zinc-50 px-0.5 text-[9px] text-zinc-400 dark:bg-zinc-900">{p}%</span>
        </div>
      ))}
      <div className="absolute inset-x-0.5 rounded border-2 border-zinc-400/70 bg-zinc-400/10" style={{ top: `${top}%`, height: `${Math.max(bottom - top, 0.8)}%` }} aria-hidden />
      {sources.map(({ b, i }) => (
        <div key={`s${i}`} title={`Source piece ${b.piece} (not needed by the answer): tokens ${b.tokenStart}–${b.tokenEnd}`} data-testid="minimap-source"
          className="absolute left-3 right-8 rounded-sm border border-dashed border-zinc-500 bg-zinc-300/60 dark:bg-zinc-600/60" aria-hidden
          style={{ top: `${(b.tokenStart / t) * 100}%`, height: `${Math.max(((b.tokenEnd - b.tokenStart) / t) * 100, 0.6)}%` }} />
      ))}
      {evidence.map(({ b, i }, k) => {
        const s = pieceStyle(b.piece);
        const y = (b.tokenStart / t) * 100;
        const at = placed[k]!;
        const height = Math.max(Math.min(((b.tokenEnd - b.tokenStart) / t) * 100, (placed[k + 1] ?? 100) - at - 0.3), MARK - 0.6);
        return (
          <button key={i} type="button" title={`Piece ${b.piece}: tokens ${b.tokenStart}–${b.tokenEnd}`} data-testid="minimap-evidence"
            data-piece={b.piece ?? undefined}
            className="tabular absolute left-1 right-6 flex items-center justify-center rounded-sm text-[9px] font-bold leading-none outline outline-1 outline-zinc-900/60 dark:outline-white/60"
            style={{ top: `${at}%`, height: `${height}%`, background: s.swatch, color: s.ink }}
            onClick={(e) => { e.stopPropagation(); onJump(i); }}>
            <span aria-hidden>{b.piece}</span>
            <span className="sr-only">Piece {b.piece} at {Math.round((depths[k] ?? y / 100) * 100)}%</span>
          </button>
        );
      })}
    </div>
  );
}
