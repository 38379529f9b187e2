/**
 * Cohen's kappa: agreement between two raters beyond chance, κ = (pₒ − pₑ) / (1 − pₑ), where pₒ is the share of
 * items both rated alike and pₑ = Σ_c pA(c)·pB(c) the agreement expected from each rater's own label frequencies.
 * Pure; unit-tested against a hand-computed table.
 */
export interface Kappa { kappa: number | null; observed: number | null; expected: number | null; n: number }

export function cohenKappa<L extends string>(ratings: readonly (readonly [L, L])[]): Kappa {
  const n = ratings.length;
  if (!n) return { kappa: null, observed: null, expected: null, n };
  const a = new Map<L, number>(), b = new Map<L, number>();
  let agree = 0;
  for (const [x, y] of ratings) {
    if (x === y) agree++;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
  }
  const observed = agree / n;
  let expected = 0;
  for (const [label, na] of a) expected += (na / n) * ((b.get(label) ?? 0) / n);
  // both raters used one and the same label throughout: chance explains everything, κ is undefined
  const kappa = expected === 1 ? null : (observed - expected) / (1 - expected);
  return { kappa, observed, expected, n };
}

/** Landis & Koch's words for a kappa, as reviewers know them. */
export function kappaLabel(k: number | null): string {
  if (k === null) return "undefined";
  if (k < 0) return "worse than chance";
  if (k <= 0.2) return "slight";
  if (k <= 0.4) return "fair";
  if (k <= 0.6) return "moderate";
  if (k <= 0.8) return "substantial";
  return "almost perfect";
}
