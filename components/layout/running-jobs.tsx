"use client";

import Link from "next/link";
import { Loader2 } from "lucide-react";
import { useQuery } from "@tanstack/react-query";
import { useJobsQuery } from "@/components/hooks/use-jobs-query";
import { useJobsWatch } from "@/components/hooks/use-jobs-watch";
import { jobLabel } from "@/lib/client/format";
import { keys } from "@/lib/client/query-keys";

/**
 * Header indicator of queued and running jobs of every kind (imports too, and uploads that precede them),
 * polling while any are active. It also hosts the one watcher that refreshes pages when a job stops.
 */
export function RunningJobs() {
  useJobsWatch();
  const { data } = useJobsQuery({ active: true });
  const uploads = useQuery({ queryKey: keys.uploads(), queryFn: () => 0, initialData: 0, staleTime: Infinity }).data;
  const jobs = data?.jobs ?? [];
  if (!jobs.length && !uploads) return <span className="hidden text-xs text-zinc-400 sm:inline">No running jobs</span>;
  const first = jobs[0];
  const pct = first?.total ? Math.floor((100 * first.done) / first.total) : null;
  const text = first
    ? `${jobs.length + uploads} running · ${jobLabel(first)}${pct !== null ? ` ${pct}%` : ""}`
    : `${uploads} running · uploading for import`;
  return (
    <Link href={first ? `/jobs?job=${first.id}` : "/corpora"} prefetch={false} data-testid="running-jobs"
      className="flex items-center gap-1.5 rounded-full bg-indigo-50 px-2.5 py-1 text-xs text-indigo-700 dark:bg-indigo-500/10 dark:text-indigo-300">
      <Loader2 size={12} className="animate-spin" aria-hidden />
      <span className="tabular">{text}</span>
    </Link>
  );
}
