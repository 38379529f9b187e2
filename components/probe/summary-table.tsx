"use client";

import { Card, CardHeader } from "@/components/ui/card";
import type { ProbeRunSummary } from "@/lib/probe/runs";
import { PAPER_REFERENCE, PAPER_REFERENCE_NOTE } from "@/lib/probe/reference";
import { PROBE_STYLES, type ProbeStyle } from "@/lib/probe/types";
import { pct } from "./series";

interface ModelRow { key: string; model: string; endpoint: string | null; baseUrl: string | null; byStyle: Partial<Record<ProbeStyle, ProbeRunSummary>> }

/**
 * Avg / Gap per model and style, as the paper's table: the latest shown run per (model, endpoint, style);
 * "All" is the mean over the three styles once a model has all three. The paper's own figures follow, labelled.
 */
export function SummaryTable({ runs }: { runs: ProbeRunSummary[] }) {
  const models = new Map<string, ModelRow>();
  for (const r of runs) {
    if (!r.scored) continue;
    const key = `${r.model}\u0000${r.endpoint ?? r.baseUrl ?? ""}`;
    const row = models.get(key) ?? { key, model: r.model, endpoint: r.endpoint, baseUrl: r.baseUrl, byStyle: {} };
    const prev = row.byStyle[r.style];
    if (!prev || prev.id < r.id) row.byStyle[r.style] = r;
    models.set(key, row);
  }
  const cell = "px-3 py-1.5 text-right";
  return (
    <Card>
      <CardHeader title="Avg / Gap by model" description="Avg = mean accuracy over position bins; Gap = best bin − worst bin (lower is more uniform). In %." />
      <div className="overflow-x-auto">
        <table className="tabular w-full text-sm" data-testid="probe-summary">
          <thead className="text-xs text-zinc-500">
            <tr className="border-b border-zinc-100 dark:border-zinc-800">
              <th className="px-4 py-2 text-left font-medium">Model</th>
              {[...PROBE_STYLES, "all"].map((s) => <th key={s} className={`${cell} font-medium capitalize`}>{s}</th>)}
            </tr>
          </thead>
          <tbody>
            {[...models.values()].map((m) => {
              const present = PROBE_STYLES.map((s) => m.byStyle[s]).filter((r): r is ProbeRunSummary => !!r);
              const all = present.length === 3 ? { avg: mean(present.map((r) => r.curve.avg)), gap: mean(present.map((r) => r.curve.gap)) } : null;
              return (
                <tr key={m.key} className="border-b border-zinc-100 dark:border-zinc-800">
                  <td className="px-4 py-1.5"><div className="font-medium">{m.model}</div><div className="font-mono text-[11px] text-zinc-500">{m.endpoint ?? m.baseUrl ?? "default"}</div></td>
                  {PROBE_STYLES.map((s) => <td key={s} className={cell}>{fmt(m.byStyle[s]?.curve)}</td>)}
                  <td className={`${cell} font-medium`}>{fmt(all)}</td>
                </tr>
              );
            })}
            <tr><td colSpan={5} className="bg-zinc-50 px-4 py-1.5 text-xs font-medium text-zinc-500 dark:bg-zinc-800/40">{PAPER_REFERENCE_NOTE}</td></tr>
            {PAPER_REFERENCE.map((p) => (
              <tr key={p.model} className="text-zinc-500" data-testid="paper-reference">
                <td className="px-4 py-1.5">{p.model} <span className="text-[11px]">(paper)</span></td>
                <td className={cell}>—</td><td className={cell}>—</td><td className={cell}>—</td>
                <td className={cell}>{p.avg.toFixed(1)} / {p.gap.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (c: { avg: number; gap: number } | null | undefined) => (c ? `${pct(c.avg)} / ${pct(c.gap)}` : "—");
