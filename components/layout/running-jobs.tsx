"use client";

import Link from "next/link";
import { Loader2 } from "lucide-react";
import { useJobsQuery } from "@/components/hooks/use-jobs-query";

/** Header indicator of queued and running jobs, polling while any are active. */
export function RunningJobs() {
  const { data } = useJobsQuery({ active: true });
  const jobs = data?.jobs ?? [];
  if (!jobs.length) return <span className="hidden text-xs text-zinc-400 sm:inline">No running jobs</span>;
  const first = jobs[0]!;
  const pct = first.total ? Math.floor((100 * first.done) / first.total) : null;
  return (
    <Link href="/generate" className="flex items-center gap-1.5 rounded-full bg-indigo-50 px-2.5 py-1 text-xs text-indigo-700 dark:bg-indigo-500/10 dark:text-indigo-300">
      <Loader2 size={12} className="animate-spin" aria-hidden />
      <span className="tabular">{jobs.length} running · {first.kind} #{first.id}{pct !== null ? ` ${pct}%` : ""}</span>
    </Link>
  );
}
