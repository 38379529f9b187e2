/**
 * Interval statistics for audits, agreement and the prompt lab. Pure functions, unit-tested against the formulas.
 */

/** Two-sided standard normal quantile z for a confidence level (0.8 … 0.999), by Acklam's rational approximation. */
export function zFor(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  return normalQuantile(1 - (1 - confidence) / 2);
}

/** Inverse standard normal CDF (Acklam, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5, r = q * q;
  return (((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

export interface Interval { p: number | null; low: number; high: number; n: number; successes: number }

/**
 * Wilson score interval for a binomial proportion: center (p̂ + z²/2n) / (1 + z²/n), half-width
 * z·√(p̂(1−p̂)/n + z²/4n²) / (1 + z²/n). Unlike p̂ ± z·SE it stays inside [0, 1] and behaves at 0 and n successes.
 * With n = 0 nothing is known: [0, 1].
 */
export function wilson(successes: number, n: number, confidence = 0.95): Interval {
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || n < 0 || successes > n)
    throw new RangeError(`need 0 ≤ successes ≤ n (integers), got ${successes} of ${n}`);
  if (n === 0) return { p: null, low: 0, high: 1, n, successes };
  const z = zFor(confidence);
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { p, low: Math.max(0, center - half), high: Math.min(1, center + half), n, successes };
}

/**
 * Sample size for estimating a proportion within ±margin at the given confidence: n₀ = z²·p(1−p)/m² with the
 * worst case p = 0.5 unless an expected rate is given, then the finite-population correction n₀ / (1 + (n₀ − 1)/N).
 */
export function sampleSize(margin: number, confidence = 0.95, population?: number, expected = 0.5): number {
  if (!(margin > 0 && margin < 1)) throw new RangeError(`margin must be in (0, 1), got ${margin}`);
  const z = zFor(confidence);
  const n0 = (z * z * expected * (1 - expected)) / (margin * margin);
  const n = population === undefined ? n0 : n0 / (1 + (n0 - 1) / Math.max(1, population));
  return Math.min(population ?? Infinity, Math.ceil(n - 1e-9));
}
