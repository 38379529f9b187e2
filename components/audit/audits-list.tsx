"use client";

import Link from "next/link";
import { useAuditsQuery } from "@/components/hooks/use-audits-query";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { fmtInt } from "@/lib/client/format";
import { fmtPct } from "./interval-bar";

const TH = "px-3 py-1.5 text-left text-xs font-medium text-zinc-500";
const TD = "px-3 py-1.5 tabular-nums";

export function AuditsList() {
  const q = useAuditsQuery();
  return (
    <Card>
      <CardHeader title="Audits" description="Newest first. The interval narrows as the sample is reviewed." />
      {q.error ? <div className="p-4"><ErrorNotice error={q.error} /></div>
        : !q.data ? <SkeletonRows rows={3} />
        : !q.data.items.length ? <EmptyState title="No audit yet">Draw a sample of a slice above, then review it.</EmptyState>
        : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead><tr><th className={TH}>Audit</th><th className={`${TH} text-right`}>Reviewed</th><th className={`${TH} text-right`}>Accept rate</th><th className={TH}>Interval</th><th className={`${TH} text-right`}>Rest (pending)</th><th className={TH}>Decided</th></tr></thead>
              <tbody>
                {q.data.items.map((a) => (
                  <tr key={a.id} className="border-t border-zinc-100 dark:border-zinc-800">
                    <td className="px-3 py-1.5"><Link className="text-indigo-600 hover:underline" href={`/audits/${a.id}`}>#{a.id} {a.name}</Link></td>
                    <td className={`${TD} text-right`}>{fmtInt(a.estimate.reviewed)} / {fmtInt(a.size)}</td>
                    <td className={`${TD} text-right`}>{fmtPct(a.estimate.rate)}</td>
                    <td className={TD}>{a.estimate.reviewed ? `${fmtPct(a.estimate.low)} – ${fmtPct(a.estimate.high)}` : "–"}</td>
                    <td className={`${TD} text-right`}>{fmtInt(a.remainder)}</td>
                    <td className="px-3 py-1.5 text-xs">{a.applied ? `${a.applied.action} ${fmtInt(a.applied.changed)}${a.applied.undone ? " (undone)" : ""}` : "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </Card>
  );
}
