/**
 * One colour per evidence piece, used in the text, the minimap and the jump buttons: twelve hues chosen to stay
 * apart from each other (Trubetskoy's distinct-colours list), so pieces 1–12 never share a colour; beyond 12 they
 * repeat, and the number tells them apart. Colour is never the only cue: evidence blocks also get a solid outline
 * and a "Piece n" label, minimap marks carry their number, support quotes an underline, and the answer a dashed box,
 * so every highlight survives colour blindness and grayscale print.
 */
export const PIECE_COLOURS = [
  "#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231", "#911eb4",
  "#42d4f4", "#f032e6", "#bfef45", "#469990", "#9a6324", "#000075",
] as const;

/** Black or white, whichever reads on the swatch (for the minimap's numbers). */
function ink(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r! + 0.587 * g! + 0.114 * b! > 150 ? "#000" : "#fff";
}

export function pieceStyle(piece: number | null) {
  const swatch = PIECE_COLOURS[((piece ?? 1) - 1) % PIECE_COLOURS.length]!;
  return {
    swatch,
    ink: ink(swatch),
    /** the evidence block: a light tint of the piece's colour inside a solid outline of it */
    block: { background: `${swatch}14`, outline: `2px solid ${swatch}`, outlineOffset: "-2px" },
    /** support quotes inside the block */
    mark: { background: `${swatch}40`, textDecorationColor: swatch },
  };
}
