import type { ReactNode } from "react";
import { AlertTriangle } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { PairChanges } from "@/lib/pairs/schemas";
import type { PairDetail } from "@/lib/pairs/types";
import { TextDiff } from "./text-diff";

/**
 * Someone saved this pair between opening and saving it. Shows their version against the reviewer's unsaved
 * change, field by field, and lets the reviewer keep theirs or apply their own on top.
 */
export function ConflictPanel({ theirs, mine, onKeepTheirs, onApplyMine }: {
  theirs: PairDetail; mine: PairChanges; onKeepTheirs: () => void; onApplyMine: () => void;
}) {
  const rows: [string, string, string][] = [];
  if (mine.question !== undefined) rows.push(["Question", theirs.question, mine.question]);
  if (mine.answer !== undefined) rows.push(["Answer", theirs.answer, mine.answer]);
  if (mine.support !== undefined) rows.push(["Support", theirs.support.join("\n"), mine.support.join("\n")]);
  return (
    <div role="alert" aria-label="Edit conflict" className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-500/10">
      <div className="flex items-start gap-2">
        <AlertTriangle size={16} className="mt-0.5 shrink-0 text-amber-600" aria-hidden />
        <p>
          <span className="font-medium">Someone else changed pair #{theirs.id} while you edited it</span> (now version {theirs.version}, status {theirs.status}
          {theirs.reviewerName ? `, by ${theirs.reviewerName}` : ""}). Nothing of yours was saved yet. Compare and choose:
        </p>
      </div>
      {rows.map(([label, a, b]) => (
        <div key={label} className="grid gap-2 text-[13px] sm:grid-cols-2">
          <Side title={`${label} · theirs (saved)`}><span data-testid="conflict-theirs" className="whitespace-pre-wrap">{a}</span></Side>
          <Side title={`${label} · yours (not saved), changes marked`}><TextDiff before={a} after={b} /></Side>
        </div>
      ))}
      <div className="flex gap-2">
        <Button onClick={onApplyMine}>Apply my edit on top</Button>
        <Button variant="secondary" onClick={onKeepTheirs}>Keep their version</Button>
      </div>
    </div>
  );
}

function Side({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="rounded border border-amber-200 bg-white px-2.5 py-1.5 dark:border-amber-900 dark:bg-zinc-900">
      <div className="mb-0.5 text-[11px] font-medium uppercase tracking-wide text-zinc-500">{title}</div>
      {children}
    </div>
  );
}
