"use client";

import { Download, FileJson } from "lucide-react";
import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useJobQuery } from "@/components/hooks/use-job-query";
import { JobProgress } from "@/components/jobs/job-progress";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, SkeletonRows } from "@/components/ui/feedback";
import { fmtBytes, fmtInt } from "@/lib/client/format";
import { exportKeys } from "./hooks";

interface ExportResult { exportId: number; rows: number; bytes: number; sha256: string; unassembled: number }

/** The export being written: progress while it runs, the download once it is done. */
export function ExportJobCard({ jobId }: { jobId: number | null }) {
  const qc = useQueryClient();
  const { data: job, isLoading } = useJobQuery(jobId);
  const result = job?.status === "succeeded" ? (job.result as ExportResult | null) : null;
  useEffect(() => {
    if (result) void qc.invalidateQueries({ queryKey: exportKeys.all() });
  }, [qc, result]);
  const counters = (job?.counters ?? {}) as { rows?: number; bytes?: number };
  return (
    <Card>
      <CardHeader title="Current export" description="Pairs without a context are assembled first, with the seed you gave." />
      {jobId === null && <EmptyState title="No export running">Choose a format and start one; it runs in the background, so you can leave this page.</EmptyState>}
      {jobId !== null && isLoading && <SkeletonRows rows={2} />}
      {job && (
        <div className="space-y-3 p-4">
          <JobProgress job={job}>
            <div className="tabular text-xs text-zinc-500">{fmtInt(counters.rows ?? 0)} rows · {fmtBytes(counters.bytes ?? 0)} of JSON Lines written</div>
          </JobProgress>
          {result && (
            <div className="flex flex-wrap items-center gap-3 rounded-md border border-emerald-200 bg-emerald-50/60 px-3 py-2 text-sm dark:border-emerald-900 dark:bg-emerald-500/10" data-testid="export-done">
              <span><strong className="tabular">{fmtInt(result.rows)}</strong> rows · {fmtBytes(result.bytes)}</span>
              {result.unassembled > 0 && <span className="text-amber-700">{fmtInt(result.unassembled)} pairs could not be assembled and were left out</span>}
              <code className="text-xs text-zinc-500" title={result.sha256}>sha256 {result.sha256.slice(0, 12)}…</code>
              <span className="ml-auto flex gap-3">
                <a className="inline-flex items-center gap-1 font-medium text-indigo-600 hover:underline" href={`/api/exports/${result.exportId}/download`} download>
                  <Download size={14} aria-hidden /> Download
                </a>
                <a className="inline-flex items-center gap-1 text-indigo-600 hover:underline" href={`/api/exports/${result.exportId}/download?file=manifest`} download>
                  <FileJson size={14} aria-hidden /> Manifest
                </a>
              </span>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
