/** A proportion with its confidence interval on a 0–100% track; thresholds drawn as ticks. */
export function IntervalBar({ rate, low, high, accept, reject }: { rate: number | null; low: number; high: number; accept?: number; reject?: number }) {
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  return (
    <div className="space-y-1" data-testid="interval-bar">
      <div className="relative h-3 rounded bg-zinc-100 dark:bg-zinc-800" role="img"
        aria-label={rate === null ? "no estimate yet" : `accept rate ${pct(rate)}, interval ${pct(low)} to ${pct(high)}`}>
        <div className="absolute inset-y-0 rounded border border-indigo-500 bg-indigo-200/70 dark:bg-indigo-500/30" style={{ left: pct(low), width: pct(Math.max(0.002, high - low)) }} />
        {rate !== null && <div className="absolute inset-y-[-3px] w-0.5 bg-indigo-700 dark:bg-indigo-300" style={{ left: pct(rate) }} />}
        {accept !== undefined && <div title={`accept above ${pct(accept)}`} className="absolute inset-y-[-4px] w-0 border-l-2 border-dashed border-emerald-600" style={{ left: pct(accept) }} />}
        {reject !== undefined && <div title={`reject below ${pct(reject)}`} className="absolute inset-y-[-4px] w-0 border-l-2 border-dashed border-red-600" style={{ left: pct(reject) }} />}
      </div>
      <div className="flex justify-between text-[11px] tabular-nums text-zinc-500"><span>0%</span><span>50%</span><span>100%</span></div>
    </div>
  );
}

export const fmtPct = (v: number | null) => (v === null ? "–" : `${(100 * v).toFixed(1)}%`);
