"use client";

import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface HistogramBin { start: number; end: number; count: number }

/**
 * Bars per bin against the count a perfectly uniform sample would put in each (a dashed reference line), the
 * picture a researcher checks position and length balance with.
 */
export function HistogramChart({ bins, expected, label, color = "#6366f1", height = 180 }: {
  bins: HistogramBin[];
  expected: number;
  label: (b: HistogramBin) => string;
  color?: string;
  height?: number;
}) {
  const data = bins.map((b) => ({ label: label(b), count: b.count }));
  return (
    <div style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }} barCategoryGap={1}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="currentColor" className="text-zinc-200 dark:text-zinc-800" />
          <XAxis dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" stroke="currentColor" className="text-zinc-500" />
          <YAxis allowDecimals={false} tick={{ fontSize: 10 }} width={40} stroke="currentColor" className="text-zinc-500" />
          <Tooltip contentStyle={{ fontSize: 12 }} formatter={(v) => [v, "contexts"]} />
          <Bar dataKey="count" fill={color} isAnimationActive={false} />
          {expected > 0 && (
            <ReferenceLine y={expected} stroke="#f59e0b" strokeWidth={2} strokeDasharray="5 3" ifOverflow="extendDomain"
              label={{ value: "uniform", position: "insideTopRight", fontSize: 10, fill: "#b45309" }} />
          )}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
