import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/random";
import { histogram, ksCriticalValue, ksPValue, ksUniformStatistic } from "./stats";

describe("histogram", () => {
  it("bins values over [lo, hi], the last bin closed, and reports what falls outside", () => {
    const h = histogram([0, 0.1, 0.5, 0.99, 1, -1, 2], 2, 0, 1);
    expect(h.bins).toEqual([
      { start: 0, end: 0.5, count: 2 },
      { start: 0.5, end: 1, count: 3 },
    ]);
    expect([h.below, h.above, h.uniformExpected]).toEqual([1, 1, 2.5]);
    expect(() => histogram([], 0, 0, 1)).toThrow(RangeError);
  });
});

describe("Kolmogorov–Smirnov against the uniform distribution", () => {
  it("computes D exactly on small samples", () => {
    expect(ksUniformStatistic([0.5], 0, 1)).toBe(0.5);
    const grid = Array.from({ length: 10 }, (_, i) => 4096 + ((i + 0.5) / 10) * (32768 - 4096));
    expect(ksUniformStatistic(grid, 4096, 32768)).toBeCloseTo(0.05, 12);
  });

  it("accepts a uniform sample and rejects a skewed one", () => {
    const rng = createRng("ks");
    const uniform = Array.from({ length: 2000 }, () => rng.next());
    const skewed = uniform.map((x) => x * x);
    expect(ksPValue(ksUniformStatistic(uniform, 0, 1), 2000)).toBeGreaterThan(0.01);
    expect(ksPValue(ksUniformStatistic(skewed, 0, 1), 2000)).toBeLessThan(1e-6);
  });

  it("has p-values consistent with the tabulated critical values", () => {
    // Tabulated asymptotic critical values: 1.358/√n at 5%, 1.628/√n at 1%.
    expect(ksCriticalValue(100, 0.05)).toBeCloseTo(0.1358, 3);
    expect(ksCriticalValue(100, 0.01)).toBeCloseTo(0.1628, 3);
    expect(ksPValue(0.1358, 100)).toBeGreaterThan(0.04);
    expect(ksPValue(0.1358, 100)).toBeLessThan(0.06);
    expect(ksPValue(0, 100)).toBe(1);
    expect(ksPValue(0.3, 100)).toBeLessThan(ksPValue(0.2, 100));
  });
});
