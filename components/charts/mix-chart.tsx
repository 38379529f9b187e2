"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface MixRow { key: string; count: number; share: number; paper: number }

const LABEL: Record<string, string> = { single: "Type 1 · single", multi: "Type 2 · multi", short: "Short context" };

/** The dataset's type mix next to the paper's (both in %, the paper's normalised over the three kinds). */
export function MixChart({ rows, height = 180 }: { rows: MixRow[]; height?: number }) {
  const data = rows.map((r) => ({ label: LABEL[r.key] ?? r.key, ours: +(r.share * 100).toFixed(1), paper: +(r.paper * 100).toFixed(1) }));
  return (
    <div style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="currentColor" className="text-zinc-200 dark:text-zinc-800" />
          <XAxis dataKey="label" tick={{ fontSize: 10 }} stroke="currentColor" className="text-zinc-500" />
          <YAxis unit="%" domain={[0, 100]} tick={{ fontSize: 10 }} width={48} stroke="currentColor" className="text-zinc-500" />
          <Tooltip contentStyle={{ fontSize: 12 }} formatter={(v) => `${v}%`} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Bar dataKey="ours" name="this data" fill="#6366f1" isAnimationActive={false} />
          <Bar dataKey="paper" name="paper (FILM-7B)" fill="#a1a1aa" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
