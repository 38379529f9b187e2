/** One scored answer at its position. */
export interface ScoredPoint {
  setIndex: number;
  position: number;
  score: number;
}

export interface CurveBin {
  bin: number;
  /** first and last position of the bin (inclusive) */
  from: number;
  to: number;
  /** mean over contexts of the context's mean score in this bin, 0..1 */
  accuracy: number;
  /** spread of that mean across contexts (the paper's error bars) */
  sd: number;
  n: number;
}

export interface Curve {
  bins: CurveBin[];
  /** mean over bins */
  avg: number;
  /** max − min over bins */
  gap: number;
  n: number;
}

/**
 * Accuracy per bin of `binSize` positions, as the paper plots it: each context's mean per bin, averaged over
 * contexts. (The paper's loop drops each bin's last position, `range(start, start + 49)`; every position counts here.)
 */
export function positionCurve(points: readonly ScoredPoint[], binSize = 50): Curve {
  const perSet = new Map<string, CurveCell>();
  for (const p of points) {
    const bin = Math.floor(p.position / binSize);
    const k = `${bin}:${p.setIndex}`;
    const cell = perSet.get(k) ?? { setIndex: p.setIndex, bin, sum: 0, n: 0 };
    cell.sum += p.score;
    cell.n += 1;
    perSet.set(k, cell);
  }
  return curveFromCells([...perSet.values()], binSize);
}

/** Sum and count of scores of one context in one bin (what SQL aggregates when curves come from the database). */
export interface CurveCell {
  setIndex: number;
  bin: number;
  sum: number;
  n: number;
}

export function curveFromCells(cells: readonly CurveCell[], binSize = 50): Curve {
  const byBin = new Map<number, { means: number[]; n: number }>();
  for (const cell of cells) {
    if (cell.n === 0) continue;
    const bin = cell.bin;
    const b = byBin.get(bin) ?? { means: [], n: 0 };
    b.means.push(cell.sum / cell.n);
    b.n += cell.n;
    byBin.set(bin, b);
  }
  const bins: CurveBin[] = [...byBin.entries()].sort((a, b) => a[0] - b[0]).map(([bin, b]) => {
    const accuracy = mean(b.means);
    const sd = Math.sqrt(mean(b.means.map((m) => (m - accuracy) ** 2)));
    return { bin, from: bin * binSize, to: bin * binSize + binSize - 1, accuracy, sd, n: b.n };
  });
  const accs = bins.map((b) => b.accuracy);
  return {
    bins,
    avg: accs.length ? mean(accs) : 0,
    gap: accs.length ? Math.max(...accs) - Math.min(...accs) : 0,
    n: bins.reduce((a, b) => a + b.n, 0),
  };
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}
