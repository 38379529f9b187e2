"use client";

import Link from "next/link";
import type { LastImport } from "@/lib/corpus/corpus-extras";
import { fmtInt, fmtTime } from "@/lib/client/format";

/** The latest import's summary, kept on the corpus: duplicates, and every skipped line by file and number. */
export function LastImportSummary({ last }: { last: LastImport }) {
  return (
    <div className="tabular text-xs text-zinc-500" data-testid="last-import">
      <span>
        Last import (<Link href={`/jobs?job=${last.jobId}`} prefetch={false} className="text-indigo-600 hover:underline">Import job #{last.jobId}</Link>
        {last.finishedAt ? `, ${fmtTime(last.finishedAt)}` : ""}): {fmtInt(last.imported)} documents imported · {fmtInt(last.duplicates)} duplicate{last.duplicates === 1 ? "" : "s"} skipped
        · {fmtInt(last.segments)} segments · {fmtInt(last.skippedTotal)} line{last.skippedTotal === 1 ? "" : "s"} skipped
      </span>
      {last.skipped.length > 0 && (
        <details className="mt-1">
          <summary className="cursor-pointer text-amber-800 dark:text-amber-300">
            Skipped lines{last.skippedTotal > last.skipped.length ? ` (first ${fmtInt(last.skipped.length)} of ${fmtInt(last.skippedTotal)})` : ""}
          </summary>
          <ul className="mt-1 max-h-40 space-y-0.5 overflow-auto font-mono" aria-label="Skipped lines of the last import">
            {last.skipped.map((k) => <li key={`${k.file}:${k.line}`}>{k.file}:{k.line} — {k.reason}</li>)}
          </ul>
        </details>
      )}
    </div>
  );
}
