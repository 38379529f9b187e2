"use client";

import type { JobRow } from "@/lib/jobs/jobs";
import { Badge, ProgressBar } from "@/components/ui/feedback";
import { fmtBytes, fmtInt, fmtTime, jobLabel } from "@/lib/client/format";
import { paramsLine } from "./job-params";

export const STATUS_COLOR = { queued: "gray", running: "indigo", cancelling: "amber", cancelled: "amber", succeeded: "green", failed: "red" } as const;

/** The jobs as rows: kind and id, status, progress, who started it, parameters; a row opens the job. */
export function JobsTable({ jobs, selected, onSelect }: { jobs: JobRow[]; selected: number | undefined; onSelect: (id: number) => void }) {
  return (
    <div className="overflow-x-auto">
      <table className="tabular w-full text-xs" aria-label="Jobs">
        <thead className="text-left text-zinc-500">
          <tr>{["Job", "Status", "Progress", "Started by", "Parameters"].map((h) => <th key={h} className="px-3 py-1.5 font-medium">{h}</th>)}</tr>
        </thead>
        <tbody>
          {jobs.map((j) => {
            const fmt = j.kind === "import" ? fmtBytes : fmtInt;
            return (
              <tr key={j.id} data-testid={`jobs-row-${j.id}`} aria-selected={selected === j.id}
                className={`cursor-pointer border-t border-zinc-100 align-top hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/50 ${selected === j.id ? "bg-indigo-50/70 dark:bg-indigo-500/10" : ""}`}
                onClick={() => onSelect(j.id)}>
                <td className="px-3 py-2 font-medium whitespace-nowrap">
                  <button type="button" className="hover:text-indigo-600" onClick={(e) => { e.stopPropagation(); onSelect(j.id); }}>{jobLabel(j)}</button>
                  <div className="font-normal text-zinc-500">{fmtTime(j.createdAt)}</div>
                </td>
                <td className="px-3 py-2">
                  <Badge color={STATUS_COLOR[j.status as keyof typeof STATUS_COLOR] ?? "gray"}>{j.status}</Badge>
                  {j.failed > 0 && <div className="mt-1 text-red-600">{fmtInt(j.failed)} failed item{j.failed === 1 ? "" : "s"}</div>}
                </td>
                <td className="w-40 px-3 py-2">
                  <ProgressBar value={j.total ? j.done / j.total : j.status === "succeeded" ? 1 : 0} label={`${jobLabel(j)} progress`} />
                  <div className="mt-1 text-zinc-500">{fmt(j.done)}{j.total ? ` / ${fmt(j.total)}` : ""}</div>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{j.createdBy ?? <span className="text-zinc-400">command line</span>}</td>
                <td className="min-w-40 px-3 py-2 font-mono text-[11px] break-words text-zinc-600 dark:text-zinc-400">{paramsLine(j.params)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
