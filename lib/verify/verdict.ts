/**
 * Which checks a pair gets, whether each passed, and the pair's verdict flags — pure, so the rules are tested
 * directly and read in one place.
 *
 * - closed-book: the question alone. Matching the pair's answer → `answerable_without_context`.
 * - evidence-only: the needed piece(s) only. Not matching → `not_answerable_from_evidence`.
 * - ablation (multi pairs with ≥ 2 needed pieces, run only when evidence-only matched): the needed pieces minus
 *   one, once per piece. Still matching → that piece is not needed (`piece_not_needed`, naming it). Fewer than
 *   two needed pieces left → `not_multi_hop`.
 */
export const CHECK_KINDS = ["closed_book", "evidence_only", "ablation", "judge"] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const VERDICT_CODES = ["answerable_without_context", "not_answerable_from_evidence", "piece_not_needed", "not_multi_hop"] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];

export const VERDICT_LABELS: Record<VerdictCode, string> = {
  answerable_without_context: "answerable without context",
  not_answerable_from_evidence: "not answerable from evidence",
  piece_not_needed: "piece not needed",
  not_multi_hop: "not multi-hop",
};

export interface VerdictFlag { code: VerdictCode; piece?: number; reason: string }

export interface PlannedCheck { kind: CheckKind; pieces: number[]; pieceRemoved: number | null }

export interface CheckOutcome extends PlannedCheck { matched: boolean; modelAnswer: string | null }

/** closed-book and ablation pass when the answer is NOT reproduced; evidence-only passes when it is. */
export function checkPassed(kind: CheckKind, matched: boolean): boolean {
  return kind === "evidence_only" ? matched : !matched;
}

export function planChecks(type: "single" | "multi", needed: number[]): { first: PlannedCheck[]; ablation: PlannedCheck[] } {
  const first: PlannedCheck[] = [
    { kind: "closed_book", pieces: [], pieceRemoved: null },
    { kind: "evidence_only", pieces: needed, pieceRemoved: null },
  ];
  const ablation = type === "multi" && needed.length >= 2
    ? needed.map((p) => ({ kind: "ablation" as const, pieces: needed.filter((q) => q !== p), pieceRemoved: p }))
    : [];
  return { first, ablation };
}

/** Ablation is worth asking only when the model answers correctly with every needed piece. */
export function ablationApplies(outcomes: Pick<CheckOutcome, "kind" | "matched">[]): boolean {
  return outcomes.some((o) => o.kind === "evidence_only" && o.matched);
}

export function deriveVerdict(type: "single" | "multi", needed: number[], outcomes: CheckOutcome[]): { passed: boolean; flags: VerdictFlag[] } {
  const flags: VerdictFlag[] = [];
  const said = (o: CheckOutcome) => (o.modelAnswer ? `"${o.modelAnswer.slice(0, 200)}"` : "nothing");
  for (const o of outcomes) {
    if (o.kind === "closed_book" && o.matched) {
      flags.push({ code: "answerable_without_context", reason: `Asked with no text, the model answered ${said(o)}, which matches the pair's answer.` });
    }
    if (o.kind === "evidence_only" && !o.matched) {
      flags.push({ code: "not_answerable_from_evidence", reason: `Given only piece ${needed.join(", ")}, the model answered ${said(o)}, which does not match the pair's answer.` });
    }
  }
  if (type === "multi") {
    if (needed.length < 2) {
      flags.push({ code: "not_multi_hop", reason: `Only piece ${needed.join(", ") || "(none)"} is marked as needed; a multi-hop pair needs two.` });
    } else if (ablationApplies(outcomes)) {
      const notNeeded = outcomes.filter((o) => o.kind === "ablation" && o.matched);
      for (const o of notNeeded) {
        flags.push({ code: "piece_not_needed", piece: o.pieceRemoved ?? undefined,
          reason: `Without piece ${o.pieceRemoved}, the model still answered correctly (${said(o)}).` });
      }
      const left = needed.length - notNeeded.length;
      if (left < 2) flags.push({ code: "not_multi_hop", reason: `After ablation ${left} piece${left === 1 ? " is" : "s are"} needed; a multi-hop pair needs two.` });
    }
  }
  return { passed: flags.length === 0, flags };
}

/** The pieces a pair's answer needs: the generator's `pieces` when it gave them (multi), else every evidence piece. */
export function neededPieces(type: "single" | "multi", evidencePieces: number[], original: unknown): number[] {
  if (type === "single") return evidencePieces.slice(0, 1);
  const o = original as { parsed?: { pieces?: unknown } } | null;
  const claimed = Array.isArray(o?.parsed?.pieces) ? (o.parsed.pieces as unknown[]).filter((p): p is number => typeof p === "number") : null;
  const have = new Set(evidencePieces);
  const pieces = claimed ? [...new Set(claimed)].filter((p) => have.has(p)).sort((a, b) => a - b) : evidencePieces;
  return pieces.length ? pieces : evidencePieces;
}
