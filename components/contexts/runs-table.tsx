"use client";

import { Card, CardHeader } from "@/components/ui/card";
import { Badge, EmptyState, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { fmtInt, fmtTime } from "@/lib/client/format";
import type { RunRow } from "@/lib/contexts/list";
import { useAssemblyRunsQuery } from "@/components/hooks/use-assembly-runs-query";

interface Summary { failed?: number; contaminatedPairs?: number; decontamination?: { contaminatedTotal: number; checked: number }[] }

function param(r: RunRow, key: string): string {
  const v = r.params[key];
  return typeof v === "number" ? fmtInt(v) : String(v ?? "—");
}

/** Assembly runs; choosing one shows its balance, "Current dataset" the accepted pairs' newest contexts. */
export function RunsTable({ selected, onSelect }: { selected: number | null; onSelect: (runId: number | null) => void }) {
  const q = useAssemblyRunsQuery();
  const row = "cursor-pointer border-t border-zinc-100 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/50";
  const active = "bg-indigo-50/70 dark:bg-indigo-500/10";
  return (
    <Card>
      <CardHeader title="Assembly runs" description="Pick what the charts below describe" />
      {q.isPending ? <SkeletonRows rows={3} /> : q.error ? <div className="p-4"><ErrorNotice error={q.error} /></div> : (
        <div className="max-h-72 overflow-auto">
          <table className="tabular w-full text-xs" aria-label="Assembly runs">
            <thead className="sticky top-0 bg-white text-left text-zinc-500 dark:bg-zinc-900">
              <tr>{["Run", "Created", "Seed", "Tokens", "Short", "Contexts", "Skipped", "Contaminated docs"].map((h) => <th key={h} className="px-3 py-1.5 font-medium">{h}</th>)}</tr>
            </thead>
            <tbody>
              <tr className={`${row} ${selected === null ? active : ""}`} onClick={() => onSelect(null)} aria-selected={selected === null}>
                <td className="px-3 py-1.5 font-medium" colSpan={8}>Current dataset <span className="font-normal text-zinc-500">— accepted pairs, newest context each</span></td>
              </tr>
              {q.data.runs.map((r) => {
                const s = (r.summary ?? {}) as Summary;
                const docs = s.decontamination?.reduce((a, d) => a + d.contaminatedTotal, 0);
                return (
                  <tr key={r.id} className={`${row} ${selected === r.id ? active : ""}`} onClick={() => onSelect(r.id)} aria-selected={selected === r.id} data-testid={`run-${r.id}`}>
                    <td className="px-3 py-1.5 font-medium">#{r.id} {r.jobStatus && r.jobStatus !== "succeeded" && <Badge color="amber">{r.jobStatus}</Badge>}</td>
                    <td className="px-3 py-1.5 text-zinc-500">{fmtTime(r.createdAt)}</td>
                    <td className="px-3 py-1.5 font-mono">{r.seed}</td>
                    <td className="px-3 py-1.5">{param(r, "minTokens")}–{param(r, "maxTokens")}</td>
                    <td className="px-3 py-1.5">{param(r, "shortRatio")}</td>
                    <td className="px-3 py-1.5">{fmtInt(r.contexts)}</td>
                    <td className="px-3 py-1.5">{s.failed === undefined ? "—" : fmtInt(s.failed)}</td>
                    <td className="px-3 py-1.5">{docs === undefined ? "—" : fmtInt(docs)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {q.data.runs.length === 0 && <EmptyState title="No assembly run yet">Start one with the form above, or run <code>npx in2 assemble --wait</code>.</EmptyState>}
        </div>
      )}
    </Card>
  );
}
