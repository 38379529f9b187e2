"use client";

import { Download, FileJson } from "lucide-react";
import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useJobQuery } from "@/components/hooks/use-job-query";
import { JobProgress } from "@/components/jobs/job-progress";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, SkeletonRows } from "@/components/ui/feedback";
import { fmtBytes, fmtInt } from "@/lib/client/format";
import { exportKeys } from "@/components/hooks/use-exports-query";

interface ExportResult {
  exportId: number; rows: number; bytes: number; sha256: string; unassembled: number; out?: string;
  leftOut?: Record<string, number>; recipe?: { seed: string; min_tokens: number; max_tokens: number; short_ratio: number }; runs?: { id: number; rows: number }[];
}

/** Why pairs were left out, in the words a user reads. */
const REASONS: Record<string, string> = {
  contaminated: "overlap an eval set", contaminated_filler: "used a filler now found contaminated", not_in_run: "are not in the run",
  tokenizer_mismatch: "use another tokenizer", example_too_long: "exceed the example token limit", filler_exhausted: "found too few fillers",
  evidence_too_long: "have evidence longer than the maximum", length_unreachable: "could not reach the length",
};

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
      <CardHeader title="Current export" description="Pairs without a context of this recipe are assembled first, in one run, with it." />
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
              {result.recipe && (
                <span className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="export-recipe">
                  {fmtInt(result.recipe.min_tokens)}–{fmtInt(result.recipe.max_tokens)} tokens · short {result.recipe.short_ratio} · seed <span className="font-mono">{result.recipe.seed}</span>
                  {result.runs?.length ? ` · run${result.runs.length > 1 ? "s" : ""} ${result.runs.map((r) => `#${r.id}`).join(", ")}` : ""}
                </span>
              )}
              {Object.entries(result.leftOut ?? {}).map(([reason, n]) => (
                <span key={reason} className="text-xs text-amber-700" data-testid={`left-out-${reason}`}>{fmtInt(n)} left out: {REASONS[reason] ?? reason}</span>
              ))}
              <code className="text-xs text-zinc-500" title={result.sha256}>sha256 {result.sha256.slice(0, 12)}…</code>
              <span className="ml-auto flex gap-3">
                {/* a Hub folder downloads as one .tar (unpack it, then `huggingface-cli upload`; README.md inside says how) */}
                {result.out && !/\.jsonl(\.gz)?$/.test(result.out) && (
                  <code className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="export-folder">folder {result.out}</code>
                )}
                <a className="inline-flex items-center gap-1 font-medium text-indigo-600 hover:underline" href={`/api/exports/${result.exportId}/download`} download>
                  <Download size={14} aria-hidden /> {result.out && !/\.jsonl(\.gz)?$/.test(result.out) ? "Download .tar" : "Download"}
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
