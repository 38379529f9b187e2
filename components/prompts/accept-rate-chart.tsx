import type { ComparisonRow } from "@/lib/prompts/schemas";

/** Accept rate per prompt version × model as dots with their 95% Wilson interval (SVG; no chart library). */
export function AcceptRateChart({ rows }: { rows: ComparisonRow[] }) {
  const shown = rows.filter((r) => r.decided > 0).slice(0, 12);
  if (!shown.length) return <p className="px-4 py-3 text-xs text-zinc-500">The chart appears once pairs of a version are reviewed.</p>;
  const rowH = 26, left = 230, width = 640, plot = width - left - 16;
  const x = (v: number) => left + v * plot;
  return (
    <svg viewBox={`0 0 ${width} ${shown.length * rowH + 28}`} className="w-full max-w-3xl" role="img" aria-label="Accept rate by prompt version and model, with 95% intervals" data-testid="accept-chart">
      {[0, 0.25, 0.5, 0.75, 1].map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={0} y2={shown.length * rowH} className="stroke-zinc-200 dark:stroke-zinc-700" strokeDasharray="2 3" />
          <text x={x(t)} y={shown.length * rowH + 16} textAnchor="middle" className="fill-zinc-500 text-[10px]">{Math.round(t * 100)}%</text>
        </g>
      ))}
      {shown.map((r, i) => {
        const y = i * rowH + rowH / 2;
        return (
          <g key={`${r.promptVersion}|${r.model}`}>
            <text x={left - 8} y={y + 4} textAnchor="end" className="fill-zinc-700 text-[11px] dark:fill-zinc-300">{short(r.promptVersion)} · {r.model}</text>
            <line x1={x(r.low)} x2={x(r.high)} y1={y} y2={y} className="stroke-indigo-500" strokeWidth={2} />
            <line x1={x(r.low)} x2={x(r.low)} y1={y - 5} y2={y + 5} className="stroke-indigo-500" strokeWidth={2} />
            <line x1={x(r.high)} x2={x(r.high)} y1={y - 5} y2={y + 5} className="stroke-indigo-500" strokeWidth={2} />
            <circle cx={x(r.acceptRate ?? 0)} cy={y} r={4.5} className="fill-indigo-700 stroke-white dark:fill-indigo-300" strokeWidth={1.5}>
              <title>{`${r.promptVersion} · ${r.model}: ${((r.acceptRate ?? 0) * 100).toFixed(1)}% of ${r.decided} decided (95% ${(r.low * 100).toFixed(1)}–${(r.high * 100).toFixed(1)}%)`}</title>
            </circle>
          </g>
        );
      })}
    </svg>
  );
}

const short = (v: string) => (v.length > 28 ? `${v.slice(0, 27)}…` : v);
