"use client";

import { X } from "lucide-react";
import { useJobQuery } from "@/components/hooks/use-job-query";
import { isActive } from "@/components/hooks/use-jobs-query";
import { ImportResult } from "@/components/corpora/import-result";
import { FailedItems } from "@/components/generate/failed-items";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { fmtTime } from "@/lib/client/format";
import { JobProgress } from "./job-progress";

/** One job in full: progress, who started it and when, its parameters and result, and its failed items. */
export function JobDetail({ jobId, onClose }: { jobId: number; onClose: () => void }) {
  const { data: job, error } = useJobQuery(jobId);
  return (
    <Card data-testid="job-detail">
      <CardHeader title="Job details"
        description={job ? <>Started by {job.createdBy ?? "the command line"} · created {fmtTime(job.createdAt)}{job.finishedAt ? ` · finished ${fmtTime(job.finishedAt)}` : ""}</> : undefined}
        actions={<Button variant="ghost" onClick={onClose} aria-label="Close job details"><X size={14} aria-hidden /></Button>} />
      <div className="space-y-4 p-4">
        {!job && !error && <SkeletonRows rows={3} />}
        {error && <ErrorNotice error={error} />}
        {job && (
          <>
            <JobProgress job={job} unit={job.kind === "import" ? "bytes" : "items"}>
              {job.kind === "import" && <ImportResult job={job} />}
            </JobProgress>
            {job.kind === "generate" && <FailedItems jobId={job.id} failed={job.failed} active={isActive(job.status)} />}
            <JsonBlock title="Parameters" value={job.params} />
            {job.result !== null && job.result !== undefined && <JsonBlock title="Result" value={job.result} />}
          </>
        )}
      </div>
    </Card>
  );
}

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <details open={title === "Parameters"}>
      <summary className="cursor-pointer text-xs font-medium text-zinc-600 dark:text-zinc-400">{title}</summary>
      <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-950">
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}
