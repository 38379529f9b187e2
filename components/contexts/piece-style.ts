/**
 * One colour per evidence piece, used in the text, the minimap and the jump buttons. Colour is never the only
 * cue: evidence blocks also get a solid outline and a "Piece n" label, support quotes an underline, and the
 * answer's position a dashed box, so every highlight survives colour blindness and grayscale print.
 */
const PIECES = [
  { block: "bg-amber-50 ring-amber-500 dark:bg-amber-400/10", mark: "bg-amber-200/80 decoration-amber-700 dark:bg-amber-400/30", swatch: "#f59e0b" },
  { block: "bg-sky-50 ring-sky-500 dark:bg-sky-400/10", mark: "bg-sky-200/80 decoration-sky-700 dark:bg-sky-400/30", swatch: "#0ea5e9" },
  { block: "bg-violet-50 ring-violet-500 dark:bg-violet-400/10", mark: "bg-violet-200/80 decoration-violet-700 dark:bg-violet-400/30", swatch: "#8b5cf6" },
  { block: "bg-emerald-50 ring-emerald-500 dark:bg-emerald-400/10", mark: "bg-emerald-200/80 decoration-emerald-700 dark:bg-emerald-400/30", swatch: "#10b981" },
  { block: "bg-rose-50 ring-rose-500 dark:bg-rose-400/10", mark: "bg-rose-200/80 decoration-rose-700 dark:bg-rose-400/30", swatch: "#f43f5e" },
] as const;

export function pieceStyle(piece: number | null) {
  return PIECES[((piece ?? 1) - 1) % PIECES.length]!;
}
