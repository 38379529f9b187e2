import { describe, expect, it } from "vitest";
import { deriveVerdict, neededPieces, planChecks, type CheckOutcome } from "./verdict";

const o = (kind: CheckOutcome["kind"], matched: boolean, pieceRemoved: number | null = null): CheckOutcome =>
  ({ kind, matched, pieceRemoved, pieces: [], modelAnswer: matched ? "x" : null });

describe("verdicts", () => {
  it("plans closed-book and evidence-only for every pair, one ablation per needed piece for multi pairs", () => {
    expect(planChecks("single", [1])).toEqual({ first: [{ kind: "closed_book", pieces: [], pieceRemoved: null }, { kind: "evidence_only", pieces: [1], pieceRemoved: null }], ablation: [] });
    expect(planChecks("multi", [2, 4]).ablation).toEqual([{ kind: "ablation", pieces: [4], pieceRemoved: 2 }, { kind: "ablation", pieces: [2], pieceRemoved: 4 }]);
  });

  it("passes a clean pair", () => {
    expect(deriveVerdict("multi", [1, 2], [o("closed_book", false), o("evidence_only", true), o("ablation", false, 1), o("ablation", false, 2)])).toEqual({ passed: true, flags: [] });
  });

  it("flags answerable_without_context and not_answerable_from_evidence", () => {
    const v = deriveVerdict("single", [1], [o("closed_book", true), o("evidence_only", false)]);
    expect(v.passed).toBe(false);
    expect(v.flags.map((f) => f.code)).toEqual(["answerable_without_context", "not_answerable_from_evidence"]);
  });

  it("names the piece that is not needed, and calls a pair with one needed piece left not multi-hop", () => {
    const v = deriveVerdict("multi", [1, 3], [o("closed_book", false), o("evidence_only", true), o("ablation", false, 1), o("ablation", true, 3)]);
    expect(v.flags).toMatchObject([{ code: "piece_not_needed", piece: 3 }, { code: "not_multi_hop" }]);
    const three = deriveVerdict("multi", [1, 2, 3], [o("closed_book", false), o("evidence_only", true), o("ablation", true, 1), o("ablation", false, 2), o("ablation", false, 3)]);
    expect(three.flags.map((f) => f.code)).toEqual(["piece_not_needed"]);
  });

  it("ignores ablations when evidence-only failed (nothing to ablate)", () => {
    const v = deriveVerdict("multi", [1, 2], [o("closed_book", false), o("evidence_only", false), o("ablation", true, 1)]);
    expect(v.flags.map((f) => f.code)).toEqual(["not_answerable_from_evidence"]);
  });

  it("needed pieces: the generator's claim when valid, else every evidence piece", () => {
    expect(neededPieces("multi", [1, 2, 3], { parsed: { pieces: [3, 1, 9] } })).toEqual([1, 3]);
    expect(neededPieces("multi", [1, 2], {})).toEqual([1, 2]);
    expect(neededPieces("single", [1], null)).toEqual([1]);
  });
});
