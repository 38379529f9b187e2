"use client";

import { RotateCcw } from "lucide-react";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/feedback";
import { fmtInt } from "@/lib/client/format";
import { useJobItemsQuery } from "@/components/hooks/use-job-items-query";
import { useRetryFailedItems } from "@/components/hooks/use-retry-failed-items";

/** A job's failed items with the reason and the raw reply, and a way to send them again. */
export function FailedItems({ jobId, failed, active }: { jobId: number; failed: number; active: boolean }) {
  const items = useJobItemsQuery(jobId, { status: "failed", limit: 50 }, active);
  const retry = useRetryFailedItems(jobId);
  const { refetch } = items;
  // the list polls only while the job runs; a failure counted in its last second must still show up
  useEffect(() => { if (failed > 0) void refetch(); }, [failed, active, refetch]);
  if (failed === 0) return null;
  return (
    <section aria-label="Failed items" className="rounded-md border border-red-200 dark:border-red-900/60">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 border-b border-red-100 px-3 py-2 dark:border-red-900/60">
        <h3 className="text-sm font-medium whitespace-nowrap">Failed items <span className="tabular text-zinc-500">({fmtInt(failed)})</span></h3>
        <span className="min-w-48 flex-1 text-xs text-zinc-500">never stored as pairs; the reason and the model&apos;s raw reply are kept</span>
        <Button variant="secondary" className="ml-auto whitespace-nowrap" disabled={active || retry.isPending} onClick={() => retry.mutate()}>
          <RotateCcw size={14} aria-hidden /> Retry all failed items
        </Button>
      </div>
      {retry.error && <div className="p-3"><ErrorNotice error={retry.error} /></div>}
      {retry.data && <p className="px-3 pt-2 text-xs text-zinc-600 dark:text-zinc-400" role="status">{fmtInt(retry.data.retried)} item{retry.data.retried === 1 ? "" : "s"} sent again</p>}
      {items.error && <div className="p-3"><ErrorNotice error={items.error} /></div>}
      <ul className="max-h-80 divide-y divide-zinc-100 overflow-auto text-sm dark:divide-zinc-800">
        {items.data?.items.map((i) => (
          <li key={i.id} className="px-3 py-2">
            <div className="tabular flex flex-wrap gap-x-3 text-xs text-zinc-500">
              <span>Item #{i.id}</span>
              <span>Segment{i.segmentIds.length > 1 ? "s" : ""} {i.segmentIds.map((id) => `#${id}`).join(", ")}</span>
              <span>{i.attempts} attempt{i.attempts === 1 ? "" : "s"}</span>
              {i.promptTokens + i.completionTokens > 0 && <span>{fmtInt(i.promptTokens + i.completionTokens)} tokens</span>}
              <button type="button" className="ml-auto text-indigo-600 hover:underline disabled:text-zinc-400 disabled:no-underline"
                disabled={active || retry.isPending} onClick={() => retry.mutate(i.id)} aria-label={`Retry item #${i.id}`}>
                Retry this item
              </button>
            </div>
            <p className="mt-0.5 text-red-700 dark:text-red-400">{i.error}</p>
            {i.rawResponse && (
              <details className="mt-1" open={failed <= 3}>
                <summary className="cursor-pointer text-xs text-zinc-500">Raw reply</summary>
                <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap [overflow-wrap:anywhere] rounded bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-950">{i.rawResponse}{i.rawTruncated ? " …" : ""}</pre>
              </details>
            )}
          </li>
        ))}
      </ul>
      {items.data?.next && <p className="px-3 py-2 text-xs text-zinc-500">Showing the first 50; retrying sends all of them.</p>}
    </section>
  );
}
