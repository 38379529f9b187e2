"use client";

import Link from "next/link";
import type { JobRow } from "@/lib/jobs/jobs";
import { fmtInt } from "@/lib/client/format";

interface Summary {
  corpus: string; corpusId: number;
  documents: { imported: number; duplicates: number }; segments: number;
  skipped: { file: string; line: number; reason: string }[]; skippedTotal: number;
  license?: string; licenseSource?: "option" | "source" | "corpus" | "unknown";
}

/** What an import did: counts, and every skipped line with its file, line number and reason. */
export function ImportResult({ job }: { job: JobRow }) {
  const live = job.counters as { imported?: number; duplicates?: number; segments?: number; skipped?: number; recentSkips?: Summary["skipped"] };
  const s = job.result as Summary | null;
  const skipped = s?.skipped ?? live.recentSkips ?? [];
  return (
    <div className="space-y-2 text-sm">
      <div className="tabular flex flex-wrap gap-x-5 gap-y-1">
        <span><b>{fmtInt(s?.documents.imported ?? live.imported ?? 0)}</b> documents imported</span>
        <span><b>{fmtInt(s?.documents.duplicates ?? live.duplicates ?? 0)}</b> duplicates</span>
        <span><b>{fmtInt(s?.segments ?? live.segments ?? 0)}</b> segments</span>
        <span><b>{fmtInt(s?.skippedTotal ?? live.skipped ?? 0)}</b> lines skipped</span>
        {s?.license && s.license !== "unknown" && <span>licence <b>{s.license}</b>{s.licenseSource === "source" ? " (from the source’s README.md)" : ""}</span>}
        {s && <Link className="text-indigo-600 hover:underline" href={`/documents?corpusId=${s.corpusId}`}>Browse “{s.corpus}” →</Link>}
      </div>
      {s?.license === "unknown" && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-900">
          The licence of “{s.corpus}” is unknown: a Hub export’s dataset card will say so. Set it with <code className="font-mono">in2 license {JSON.stringify(s.corpus)} ID</code> (e.g. odc-by for C4).
        </p>
      )}
      {skipped.length > 0 && (
        <details open={skipped.length <= 10} className="rounded-md border border-amber-200 bg-amber-50/60 px-3 py-2 dark:border-amber-900 dark:bg-amber-950/20">
          <summary className="cursor-pointer text-xs font-medium text-amber-900 dark:text-amber-300">
            Skipped lines{s && s.skippedTotal > skipped.length ? ` (first ${fmtInt(skipped.length)} of ${fmtInt(s.skippedTotal)})` : ""}
          </summary>
          <ul className="mt-2 max-h-56 space-y-0.5 overflow-auto font-mono text-xs" aria-label="Skipped lines">
            {skipped.map((k) => <li key={`${k.file}:${k.line}`}>{k.file}:{k.line} — {k.reason}</li>)}
          </ul>
        </details>
      )}
    </div>
  );
}
