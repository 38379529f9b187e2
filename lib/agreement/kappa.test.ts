import { describe, expect, it } from "vitest";
import { cohenKappa, kappaLabel } from "./kappa";

type L = "accepted" | "rejected" | "flagged";
const rows = (spec: [L, L, number][]) => spec.flatMap(([x, y, k]) => Array.from({ length: k }, () => [x, y] as const));

describe("cohenKappa", () => {
  it("matches a hand-computed value on fixed decisions", () => {
    // 50 pairs: both accept 20, both reject 15, A accepts B rejects 5, A rejects B accepts 10
    // pₒ = 35/50 = 0.7; A accepts 25/50, B accepts 30/50; pₑ = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5)/(1 − 0.5) = 0.4
    const k = cohenKappa(rows([["accepted", "accepted", 20], ["rejected", "rejected", 15], ["accepted", "rejected", 5], ["rejected", "accepted", 10]]));
    expect(k.n).toBe(50);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
    expect(kappaLabel(k.kappa)).toBe("fair");
  });

  it("handles three labels (accept, reject, flag)", () => {
    // 10 items: AA 4, RR 2, FF 1, AR 1, RF 1, FA 1 → pₒ = 0.7
    // A: a 5, r 3, f 2; B: a 5, r 3, f 2 → pₑ = .25 + .09 + .04 = 0.38; κ = 0.32/0.62 = 0.516129
    const k = cohenKappa(rows([["accepted", "accepted", 4], ["rejected", "rejected", 2], ["flagged", "flagged", 1], ["accepted", "rejected", 1], ["rejected", "flagged", 1], ["flagged", "accepted", 1]]));
    expect(k.kappa).toBeCloseTo(0.32 / 0.62, 12);
  });

  it("is 1 for perfect agreement, negative below chance, undefined without variation or data", () => {
    expect(cohenKappa(rows([["accepted", "accepted", 3], ["rejected", "rejected", 2]])).kappa).toBe(1);
    expect(cohenKappa(rows([["accepted", "rejected", 3], ["rejected", "accepted", 3]])).kappa).toBe(-1);
    expect(cohenKappa(rows([["accepted", "accepted", 4]])).kappa).toBeNull();
    expect(cohenKappa([])).toEqual({ kappa: null, observed: null, expected: null, n: 0 });
  });
});
