"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ProbeRunSummary } from "@/lib/probe/runs";
import { STYLE_INFO, type ProbeStyle } from "@/lib/probe/types";
import { Card, CardHeader } from "@/components/ui/card";
import { pct, runLabel, seriesStyle } from "./series";

/**
 * Accuracy per bin of positions for every shown run of one style, as the paper's Figure 1: x = the last
 * position of each bin, y = accuracy in %. Avg and Gap per run sit under the chart.
 */
export function CurveChart({ style, runs, indexOf }: { style: ProbeStyle; runs: ProbeRunSummary[]; indexOf: (runId: number) => number }) {
  const binCount = Math.max(0, ...runs.map((r) => r.curve.bins.length ? r.curve.bins.at(-1)!.bin + 1 : 0));
  const binSize = runs[0]?.binSize ?? 50;
  const data = Array.from({ length: binCount }, (_, bin) => {
    const row: Record<string, number | string> = { label: String((bin + 1) * binSize) };
    for (const r of runs) {
      const b = r.curve.bins.find((x) => x.bin === bin);
      if (b) row[`r${r.id}`] = Number(pct(b.accuracy));
    }
    return row;
  });
  const info = STYLE_INFO[style];
  return (
    <Card data-testid={`probe-chart-${style}`}>
      <CardHeader title={`${info.title} (${info.pattern})`} description={`Accuracy per ${binSize} positions; x = relative position in the context's ${info.unit}`} />
      <div className="h-64 px-2 pt-3">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 4, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="currentColor" className="text-zinc-200 dark:text-zinc-800" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} stroke="currentColor" className="text-zinc-500" />
            <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} unit="%" width={44} stroke="currentColor" className="text-zinc-500" />
            <Tooltip formatter={(v) => `${v}%`} labelFormatter={(l) => `positions up to ${l}`} contentStyle={{ fontSize: 12 }} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {runs.map((r) => {
              const s = seriesStyle(indexOf(r.id));
              return <Line key={r.id} type="monotone" dataKey={`r${r.id}`} name={runLabel(r)} stroke={s.color} strokeDasharray={s.dash}
                strokeWidth={2} dot={{ r: 2.5 }} isAnimationActive={false} connectNulls />;
            })}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <table className="tabular w-full border-t border-zinc-100 text-xs dark:border-zinc-800">
        <thead className="text-left text-zinc-500">
          <tr><th className="px-4 py-1.5 font-medium">Run</th><th className="px-4 py-1.5 text-right font-medium">Avg</th>
            <th className="px-4 py-1.5 text-right font-medium">Gap</th><th className="px-4 py-1.5 text-right font-medium">Scored</th></tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} data-testid={`probe-run-row-${r.id}`}>
              <td className="px-4 py-1"><span className="mr-1.5 inline-block h-0.5 w-4 align-middle" style={{ background: seriesStyle(indexOf(r.id)).color }} />{runLabel(r)}</td>
              <td className="px-4 py-1 text-right font-medium">{pct(r.curve.avg)}</td>
              <td className="px-4 py-1 text-right">{pct(r.curve.gap)}</td>
              <td className="px-4 py-1 text-right text-zinc-500">{r.scored}/{r.exampleCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
