"use client";

import Link from "next/link";
import type { DashboardStats } from "@/components/hooks/use-stats-query";
import { STATUS_COLOR } from "@/components/jobs/jobs-table";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge, EmptyState, SkeletonRows } from "@/components/ui/feedback";
import { fmtTime, jobLabel } from "@/lib/client/format";

/** The latest jobs: what happened recently, by whom, each a link to its details on the Jobs page. */
export function RecentActivity({ recent }: { recent: DashboardStats["recent"] | undefined }) {
  return (
    <Card data-testid="recent-activity">
      <CardHeader title="Recent activity" description={<>The latest jobs. <Link href="/jobs" prefetch={false} className="text-indigo-600 hover:underline">All jobs →</Link></>} />
      {!recent && <SkeletonRows rows={3} />}
      {recent && recent.length === 0 && <EmptyState title="Nothing yet">Imports, generation, assembly and exports will appear here.</EmptyState>}
      {recent && recent.length > 0 && (
        <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
          {recent.map((j) => (
            <li key={j.id} className="flex items-center gap-2 px-4 py-2">
              <Link href={`/jobs?job=${j.id}`} prefetch={false} className="font-medium whitespace-nowrap hover:text-indigo-600">{jobLabel(j)}</Link>
              <Badge color={STATUS_COLOR[j.status as keyof typeof STATUS_COLOR] ?? "gray"}>{j.status}</Badge>
              <span className="ml-auto truncate text-xs text-zinc-500">{j.createdBy ?? "command line"} · {fmtTime(j.finishedAt ?? j.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
