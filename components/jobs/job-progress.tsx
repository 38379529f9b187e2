"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import Link from "next/link";
import { fmtBytes, fmtDuration, fmtInt, jobLabel } from "@/lib/client/format";
import type { JobRow } from "@/lib/jobs/jobs";
import { isActive } from "@/components/hooks/use-jobs-query";
import { Button } from "@/components/ui/button";
import { Badge, ErrorNotice, ProgressBar } from "@/components/ui/feedback";

const STATUS_COLOR = { queued: "gray", running: "indigo", cancelling: "amber", cancelled: "amber", succeeded: "green", failed: "red" } as const;

/** A job's progress bar with rate and ETA, its counters, its error, and cancel / resume. */
export function JobProgress({ job, unit = "items", children }: { job: JobRow; unit?: "items" | "bytes"; children?: React.ReactNode }) {
  const qc = useQueryClient();
  const action = useMutation({
    mutationFn: (verb: "cancel" | "resume") => api<JobRow>(`/api/jobs/${job.id}/${verb}`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["jobs"] }),
  });
  const elapsed = job.startedAt ? ((job.finishedAt ? Date.parse(job.finishedAt) : Date.now()) - Date.parse(job.startedAt)) / 1000 : 0;
  const rate = elapsed > 0 ? job.done / elapsed : 0;
  const eta = rate > 0 && job.total > job.done ? (job.total - job.done) / rate : null;
  const fraction = job.total ? job.done / job.total : job.status === "succeeded" ? 1 : null;
  const fmt = unit === "bytes" ? fmtBytes : fmtInt;
  return (
    <div className="space-y-2" data-testid={`job-${job.id}`}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{jobLabel(job)}</span>
        <Badge color={STATUS_COLOR[job.status as keyof typeof STATUS_COLOR] ?? "gray"}>{job.status}</Badge>
        {/* a step's message ("decontaminating") is stale once the job succeeded; a stop reason is not */}
        {job.message && job.status !== "succeeded" && <span className="text-xs text-zinc-500">{job.message}</span>}
        <span className="ml-auto flex gap-2">
          {isActive(job.status) && job.status !== "cancelling" && (
            <Button variant="secondary" onClick={() => action.mutate("cancel")} disabled={action.isPending}>Cancel</Button>
          )}
          {(job.status === "failed" || job.status === "cancelled") && (
            <Button variant="secondary" onClick={() => action.mutate("resume")} disabled={action.isPending}>Resume</Button>
          )}
        </span>
      </div>
      <ProgressBar value={isActive(job.status) || job.status === "succeeded" ? fraction : fraction ?? 0} label={`${jobLabel(job)} progress`} />
      <div className="tabular flex flex-wrap gap-x-4 text-xs text-zinc-500">
        <span>{fmt(job.done)}{job.total ? ` / ${fmt(job.total)}` : ""}</span>
        {rate > 0 && <span>{unit === "bytes" ? `${fmtBytes(rate)}/s` : `${rate.toFixed(1)}/s`}</span>}
        {eta !== null && isActive(job.status) && <span>ETA {fmtDuration(eta)}</span>}
        {elapsed > 0 && <span>elapsed {fmtDuration(elapsed)}</span>}
        {job.failed > 0 && (
          <Link href={`/jobs?job=${job.id}`} prefetch={false} className="text-red-600 underline decoration-dotted underline-offset-2 hover:decoration-solid">
            {fmtInt(job.failed)} failed — see reasons and retry
          </Link>
        )}
      </div>
      {job.error && <ErrorNotice error={new Error(job.error)} />}
      {action.error && <ErrorNotice error={action.error} />}
      {children}
    </div>
  );
}
