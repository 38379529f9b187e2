"use client";

import { Card, CardHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/table";
import { Badge, EmptyState, ProgressBar } from "@/components/ui/feedback";
import { fmtInt, fmtTime } from "@/lib/client/format";
import type { ProbeRunSummary } from "@/lib/probe/runs";
import { pct, seriesStyle } from "./series";

const STATUS_COLOR = { queued: "gray", running: "indigo", cancelling: "amber", cancelled: "amber", succeeded: "green", failed: "red" } as const;

/** Every run with its progress; the checkbox puts it on (or takes it off) the charts. */
export function RunsTable({ runs, hidden, onToggle, indexOf }: {
  runs: ProbeRunSummary[]; hidden: ReadonlySet<number>; onToggle: (id: number) => void; indexOf: (id: number) => number;
}) {
  return (
    <Card>
      <CardHeader title="Runs" description="Scored examples are stored one by one: a stopped run resumes where it was. Failed requests are asked again on resume." />
      {runs.length === 0 && <EmptyState title="No run yet">Start a run above against a model endpoint; its curve appears here as answers arrive.</EmptyState>}
      {runs.length > 0 && (
        <DataTable className="tabular w-full text-sm" data-testid="probe-runs" columns={["Chart", "Run", "Model", "Set", { label: "Progress", className: "w-48" },
          { label: "Avg", className: "text-right" }, { label: "Gap", className: "text-right" }, "Started"]}>
            <tbody>
              {runs.map((r) => {
                const status = r.job?.status ?? "queued";
                const done = r.scored;
                return (
                  <tr key={r.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                    <td className="px-4 py-2">
                      <input type="checkbox" checked={!hidden.has(r.id)} onChange={() => onToggle(r.id)} aria-label={`Show probe run #${r.id} on the chart`}
                        style={{ accentColor: seriesStyle(indexOf(r.id)).color }} />
                    </td>
                    <td className="px-4 py-2 text-zinc-500 whitespace-nowrap">Probe run #{r.id}{r.jobId && <div className="text-[11px] text-zinc-400">Probe job #{r.jobId}</div>}</td>
                    <td className="px-4 py-2"><div className="font-medium">{r.model}</div><div className="font-mono text-[11px] text-zinc-500">{r.endpoint ?? r.baseUrl ?? "default"}</div></td>
                    <td className="px-4 py-2 text-xs">Set #{r.setId} {r.setName}</td>
                    <td className="px-4 py-2">
                      <div className="flex items-center gap-2">
                        <Badge color={STATUS_COLOR[status as keyof typeof STATUS_COLOR] ?? "gray"}>{status}</Badge>
                        <span className="text-xs text-zinc-500">{fmtInt(done)}/{fmtInt(r.exampleCount)}{r.failed ? ` · ${fmtInt(r.failed)} failed` : ""}</span>
                      </div>
                      <div className="mt-1"><ProgressBar value={r.exampleCount ? done / r.exampleCount : null} label={`Probe run #${r.id} progress`} /></div>
                      {r.job?.error && <div className="mt-1 text-xs text-red-600">{r.job.error}</div>}
                    </td>
                    <td className="px-4 py-2 text-right font-medium">{r.scored ? pct(r.curve.avg) : "—"}</td>
                    <td className="px-4 py-2 text-right">{r.scored ? pct(r.curve.gap) : "—"}</td>
                    <td className="px-4 py-2 text-xs text-zinc-500">{fmtTime(r.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
        </DataTable>
      )}
    </Card>
  );
}
