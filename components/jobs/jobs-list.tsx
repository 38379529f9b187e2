"use client";

import Link from "next/link";
import { useJobsQuery } from "@/components/hooks/use-jobs-query";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { JobProgress } from "./job-progress";

/** Every job, newest first, with live progress, cancel and resume. */
export function JobsList({ kind }: { kind?: string }) {
  const { data, error, isLoading } = useJobsQuery(kind ? { kind } : {});
  return (
    <Card>
      <CardHeader title={kind === "generate" ? "Generation jobs" : "Jobs"} description={<>Background work shared by every worker process; a job whose worker died is picked up again. <Link href={kind ? `/jobs?kind=${kind}` : "/jobs"} prefetch={false} className="text-indigo-600 hover:underline">All jobs →</Link></>} />
      {isLoading && <SkeletonRows rows={3} />}
      {error && <div className="p-4"><ErrorNotice error={error} /></div>}
      {data && data.jobs.length === 0 && (kind === "generate"
        ? <EmptyState title="No generation job yet">Start one above; it runs in the background, so you can leave this page.</EmptyState>
        : <EmptyState title="No jobs yet">Imports, generation, assembly and exports run here.</EmptyState>)}
      {data && data.jobs.length > 0 && (
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {data.jobs.map((j) => <li key={j.id} className="px-4 py-3"><JobProgress job={j} unit={j.kind === "import" ? "bytes" : "items"} /></li>)}
        </ul>
      )}
    </Card>
  );
}
