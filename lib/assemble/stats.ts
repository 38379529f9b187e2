/** Statistics for balance charts and for the tests that hold assembly to the recipe's uniformity claims. */

export interface HistogramBin {
  start: number;
  end: number;
  count: number;
}

export interface Histogram {
  bins: HistogramBin[];
  /** values below lo / above hi, reported rather than silently dropped so a chart can show them */
  below: number;
  above: number;
  /** count per bin if the in-range values were perfectly uniform: the reference line on a chart */
  uniformExpected: number;
}

/** Equal-width bins over [lo, hi]; the last bin includes hi. */
export function histogram(values: readonly number[], bins: number, lo: number, hi: number): Histogram {
  if (!Number.isInteger(bins) || bins < 1 || !(hi > lo)) throw new RangeError("histogram: need bins >= 1 and hi > lo");
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  let below = 0;
  let above = 0;
  for (const v of values) {
    if (v < lo) below++;
    else if (v > hi) above++;
    else {
      const i = Math.min(bins - 1, Math.floor((v - lo) / width));
      counts[i] = (counts[i] ?? 0) + 1;
    }
  }
  return {
    bins: counts.map((count, i) => ({ start: lo + i * width, end: i === bins - 1 ? hi : lo + (i + 1) * width, count })),
    below,
    above,
    uniformExpected: (values.length - below - above) / bins,
  };
}

/** Kolmogorov–Smirnov statistic D of the sample against the continuous uniform distribution on [lo, hi]. */
export function ksUniformStatistic(values: readonly number[], lo: number, hi: number): number {
  if (!(hi > lo)) throw new RangeError("ksUniformStatistic: need hi > lo");
  const n = values.length;
  if (n === 0) return 0;
  const u = values.map((v) => Math.min(1, Math.max(0, (v - lo) / (hi - lo)))).sort((a, b) => a - b);
  let d = 0;
  u.forEach((x, i) => {
    d = Math.max(d, (i + 1) / n - x, x - i / n);
  });
  return d;
}

/**
 * P(D ≥ d) for a sample of n under the null, from the Kolmogorov distribution with Stephens' small-sample
 * correction λ = (√n + 0.12 + 0.11/√n)·d (accurate to a few percent for n ≥ 5, plenty for a pass/fail check).
 */
export function ksPValue(d: number, n: number): number {
  if (n <= 0) return 1;
  const sn = Math.sqrt(n);
  const lambda = (sn + 0.12 + 0.11 / sn) * d;
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}

/** Critical D at significance alpha (asymptotic): reject uniformity when D exceeds it. */
export function ksCriticalValue(n: number, alpha = 0.05): number {
  return Math.sqrt(-0.5 * Math.log(alpha / 2)) / Math.sqrt(n);
}
