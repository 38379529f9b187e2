"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface StatusRow { status: string; pairs: number; withContext: number }

/** Pairs per review status, and how many of them already have a context. */
export function StatusChart({ rows, height = 180 }: { rows: StatusRow[]; height?: number }) {
  return (
    <div style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="currentColor" className="text-zinc-200 dark:text-zinc-800" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 10 }} stroke="currentColor" className="text-zinc-500" />
          <YAxis type="category" dataKey="status" tick={{ fontSize: 11 }} width={64} stroke="currentColor" className="text-zinc-500" />
          <Tooltip contentStyle={{ fontSize: 12 }} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Bar dataKey="pairs" name="pairs" fill="#a1a1aa" isAnimationActive={false} />
          <Bar dataKey="withContext" name="with a context" fill="#6366f1" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
