"use client";

import { Download, FileJson } from "lucide-react";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge, EmptyState, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { fmtBytes, fmtInt, fmtTime } from "@/lib/client/format";
import { useExportsQuery } from "@/components/hooks/use-exports-query";

const TH = "px-4 py-2 font-medium";

/** Finished exports, newest first, each downloadable with its manifest. */
export function ExportsTable() {
  const { data, error, isLoading } = useExportsQuery();
  return (
    <Card>
      <CardHeader title="Past exports" description="Files live in the app's data folder (.data/exports); the sha256 lets a training run check it got the same bytes." />
      {isLoading && <SkeletonRows rows={3} />}
      {error && <div className="p-4"><ErrorNotice error={error} /></div>}
      {data && data.exports.length === 0 && <EmptyState title="No export yet">Start one above: accepted pairs in the FILM template is the usual first file.</EmptyState>}
      {data && data.exports.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="exports-table">
            <thead className="text-left text-xs text-zinc-500">
              <tr className="border-b border-zinc-100 dark:border-zinc-800">
                <th className={TH}>Export</th><th className={TH}>Format</th><th className={TH}>Selection</th><th className={`${TH} text-right`}>Rows</th>
                <th className={`${TH} text-right`}>Size</th><th className={TH}>Seed</th><th className={TH}>sha256</th><th className={TH}>Created</th><th />
              </tr>
            </thead>
            <tbody className="tabular">
              {data.exports.map((e) => (
                <tr key={e.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                  <td className="px-4 py-2"><span className="text-zinc-400">#{e.id}</span> <span className="text-xs text-zinc-500">job {e.jobId ?? "–"}</span></td>
                  <td className="px-4 py-2"><Badge color="indigo">{e.format}</Badge></td>
                  <td className="px-4 py-2 text-xs">{e.params.statuses.join(", ")}{e.params.types.length ? ` · ${e.params.types.join(", ")}` : ""}</td>
                  <td className="px-4 py-2 text-right">{fmtInt(e.rows)}</td>
                  <td className="px-4 py-2 text-right">{fmtBytes(e.bytes)}</td>
                  <td className="px-4 py-2 font-mono text-xs">{e.params.applied?.seed ?? e.params.seed ?? "–"}{e.params.runId ? ` · run #${e.params.runId}` : ""}</td>
                  <td className="px-4 py-2 font-mono text-xs text-zinc-500" title={e.sha256}>{e.sha256.slice(0, 12)}</td>
                  <td className="px-4 py-2 text-xs text-zinc-500">{fmtTime(e.createdAt)}</td>
                  <td className="whitespace-nowrap px-4 py-2 text-right">
                    <a className="mr-3 inline-flex items-center gap-1 text-xs font-medium text-indigo-600 hover:underline" href={`/api/exports/${e.id}/download`} download
                      aria-label={`Download export ${e.id}`} title={e.params.layout === "hf" ? `the Hub folder ${e.path} as one .tar` : undefined}>
                      <Download size={12} aria-hidden /> {e.params.layout === "hf" ? "Hub folder .tar" : e.path.endsWith(".gz") ? ".jsonl.gz" : ".jsonl"}
                    </a>
                    <a className="inline-flex items-center gap-1 text-xs text-indigo-600 hover:underline" href={`/api/exports/${e.id}/download?file=manifest`} download>
                      <FileJson size={12} aria-hidden /> manifest
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
