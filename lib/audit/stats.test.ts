import { describe, expect, it } from "vitest";
import { sampleSize, wilson, zFor } from "./stats";

describe("zFor", () => {
  it("gives the textbook two-sided quantiles", () => {
    expect(zFor(0.95)).toBeCloseTo(1.959964, 5);
    expect(zFor(0.9)).toBeCloseTo(1.644854, 5);
    expect(zFor(0.99)).toBeCloseTo(2.575829, 5);
    expect(() => zFor(1)).toThrow(RangeError);
  });
});

describe("wilson", () => {
  it("matches the formula computed by hand: 45 of 50 at 95%", () => {
    // p = 0.9, z² = 3.841459; denom = 1 + 3.841459/50 = 1.0768292
    // center = (0.9 + 3.841459/100) / denom = 0.9384146 / 1.0768292 = 0.8714594
    // half = 1.959964 · √(0.09/50 + 3.841459/10000) / denom = 1.959964 · √0.0021841 / 1.0768292 = 0.0850634
    const w = wilson(45, 50);
    expect(w.p).toBe(0.9);
    expect(w.low).toBeCloseTo(0.8714594 - 0.0850634, 5);
    expect(w.high).toBeCloseTo(0.8714594 + 0.0850634, 5);
    expect(w.low).toBeCloseTo(0.78640, 4);
    expect(w.high).toBeCloseTo(0.95652, 4);
  });

  it("stays inside [0, 1] at the edges and is the whole range with no data", () => {
    expect(wilson(0, 10).low).toBe(0);
    expect(wilson(0, 10).high).toBeCloseTo(0.27753, 4);
    expect(wilson(10, 10).high).toBe(1);
    expect(wilson(10, 10).low).toBeCloseTo(0.72247, 4);
    expect(wilson(0, 0)).toEqual({ p: null, low: 0, high: 1, n: 0, successes: 0 });
  });

  it("narrows with n and refuses impossible counts", () => {
    const small = wilson(8, 10), big = wilson(800, 1000);
    expect(big.high - big.low).toBeLessThan(small.high - small.low);
    expect(() => wilson(11, 10)).toThrow(RangeError);
    expect(() => wilson(-1, 10)).toThrow(RangeError);
  });
});

describe("sampleSize", () => {
  it("is 385 for ±5% at 95% on a large slice and shrinks with the finite-population correction", () => {
    expect(sampleSize(0.05, 0.95)).toBe(385); // 1.96² · 0.25 / 0.0025 = 384.15
    expect(sampleSize(0.05, 0.95, 1_000_000)).toBe(384); // 384.146 / (1 + 383.146/10⁶) = 383.999
    expect(sampleSize(0.05, 0.95, 1000)).toBe(278); // 384.146 / (1 + 383.146/1000) = 277.74
    expect(sampleSize(0.05, 0.95, 50)).toBe(45);
    expect(sampleSize(0.03, 0.99)).toBe(1844); // 2.5758² · 0.25 / 0.0009 = 1843.0
    expect(() => sampleSize(0, 0.95)).toThrow(RangeError);
  });
});
