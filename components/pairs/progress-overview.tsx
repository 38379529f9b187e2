"use client";

import { usePairsOverviewQuery } from "@/components/hooks/use-pairs-overview-query";
import { Card, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/feedback";
import { fmtInt } from "@/lib/client/format";
import type { RateRow } from "@/lib/pairs/overview";
import { PAIR_STATUSES } from "@/lib/pairs/schemas";

const pct = (r: number | null) => (r === null ? "–" : `${Math.round(r * 100)}%`);
const TH = "whitespace-nowrap px-3 py-1 text-left text-[11px] font-medium uppercase tracking-wide text-zinc-500";
const TD = "tabular px-3 py-1";

function Rates({ title, rows }: { title: string; rows: RateRow[] }) {
  return (
    <table className="w-full text-xs" aria-label={title}>
      <thead><tr><th className={TH}>{title}</th><th className={`${TH} text-right`}>Pairs</th><th className={`${TH} text-right`}>Accepted</th><th className={TH} /></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-zinc-100 dark:border-zinc-800">
            <td className="truncate px-3 py-1">{r.key}</td>
            <td className={`${TD} text-right`}>{fmtInt(r.total)}</td>
            <td className={`${TD} text-right`} title={`${r.accepted} accepted, ${r.rejected} rejected`}>{pct(r.acceptRate)}</td>
            <td className="w-24 px-3"><div className="h-1.5 rounded bg-zinc-100 dark:bg-zinc-800"><div className="h-1.5 rounded bg-emerald-500" style={{ width: pct(r.acceptRate ?? 0) }} /></div></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where the review stands: counts by status and type, accept rates by model and prompt, reviewer throughput. */
export function ProgressOverview() {
  const q = usePairsOverviewQuery();
  const o = q.data;
  return (
    <Card>
      <CardHeader title="Progress" description={o ? `${fmtInt(o.total)} pairs · ${fmtInt(o.byStatus.pending)} still pending` : "…"} />
      {!o ? <div className="p-4"><Skeleton className="h-20 w-full" /></div> : (
        <div className="grid gap-x-2 gap-y-3 py-2 lg:grid-cols-4">
          <table className="w-full text-xs" aria-label="Counts by status and type">
            <thead><tr><th className={TH}>Status</th><th className={`${TH} text-right`}>Single</th><th className={`${TH} text-right`}>Multi</th></tr></thead>
            <tbody>
              {PAIR_STATUSES.map((s) => (
                <tr key={s} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="px-3 py-1">{s}</td><td className={`${TD} text-right`}>{fmtInt(o.byType.single[s])}</td><td className={`${TD} text-right`}>{fmtInt(o.byType.multi[s])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Rates title="Model" rows={o.byModel} />
          <Rates title="Prompt" rows={o.byPromptVersion} />
          <table className="w-full text-xs" aria-label="Reviewer throughput">
            <thead><tr><th className={TH}>Reviewer</th><th className={`${TH} text-right`}>1 h</th><th className={`${TH} text-right`}>Today</th><th className={`${TH} text-right`}>7 days</th><th className={`${TH} text-right`} title="Bulk actions in 7 days (pairs changed); not counted as reviews">Bulk</th></tr></thead>
            <tbody>
              {o.reviewers.length === 0 && <tr><td colSpan={5} className="px-3 py-1 text-zinc-500">No decisions yet — start in Review.</td></tr>}
              {o.reviewers.map((r) => (
                <tr key={r.actorId} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="truncate px-3 py-1">{r.name}</td><td className={`${TD} text-right`}>{fmtInt(r.lastHour)}</td><td className={`${TD} text-right`}>{fmtInt(r.today)}</td><td className={`${TD} text-right`}>{fmtInt(r.last7Days)}</td>
                  <td className={`${TD} text-right`} title={`${fmtInt(r.bulkPairs)} pairs in ${fmtInt(r.bulkActions)} bulk actions`}>{r.bulkActions ? `${fmtInt(r.bulkActions)} (${fmtInt(r.bulkPairs)})` : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
