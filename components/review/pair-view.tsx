import type { ReactNode } from "react";
import type { PairDetail } from "@/lib/pairs/types";
import { originalFields } from "@/lib/review/diff";
import { QualityFlags } from "./quality-flags";
import { quoteStyle } from "./quote-style";
import { TextDiff } from "./text-diff";
import { VerificationPanel } from "@/components/verify/verification-panel";

/** Question, answer and support quotes of a pair; for an edited pair, what changed from the generator's output. */
export function PairView({ pair }: { pair: PairDetail }) {
  const original = originalFields(pair.original);
  const missing = new Set(pair.missingQuotes);
  return (
    <div className="space-y-4">
      <div>
        <Label>Question</Label>
        <p data-testid="pair-question" className="text-[17px] font-medium leading-snug tracking-tight">{pair.question}</p>
      </div>
      <div>
        <Label>Answer</Label>
        <p data-testid="pair-answer" className="text-sm leading-relaxed text-zinc-800 dark:text-zinc-200">{pair.answer}</p>
      </div>
      <div>
        <Label>Support quotes</Label>
        {pair.support.length === 0 && <p className="text-xs text-red-600">No support quotes.</p>}
        <ol className="space-y-1.5" aria-label="Support quotes">
          {pair.support.map((q, i) => (
            <li key={i} className="flex gap-2 text-[13px] leading-snug">
              <span className={`mt-px h-4 min-w-4 rounded-sm px-1 text-center font-mono text-[10px] font-semibold leading-4 underline decoration-2 ${quoteStyle(i)}`}>{i + 1}</span>
              <span className={missing.has(i) ? "rounded-sm text-zinc-500 outline-1 outline-dashed outline-red-400" : "text-zinc-700 dark:text-zinc-300"}>
                {q}{missing.has(i) && <span className="ml-1.5 text-[11px] font-medium text-red-600 dark:text-red-400">not found in the evidence</span>}
              </span>
            </li>
          ))}
        </ol>
      </div>
      <QualityFlags flags={pair.qualityFlags} score={pair.qualityScore} />
      <VerificationPanel pairId={pair.id} version={pair.version} />
      {pair.edited && (original.question || original.answer) && (
        <details className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-[13px] dark:border-zinc-800 dark:bg-zinc-900/50" open>
          <summary className="cursor-pointer text-xs font-medium text-zinc-600 dark:text-zinc-400">Changes from the generator&apos;s original</summary>
          <div className="mt-2 space-y-2" data-testid="edit-diff">
            {original.question !== undefined && original.question !== pair.question && <div><Label>Question</Label><TextDiff before={original.question} after={pair.question} /></div>}
            {original.answer !== undefined && original.answer !== pair.answer && <div><Label>Answer</Label><TextDiff before={original.answer} after={pair.answer} /></div>}
            {original.support && JSON.stringify(original.support) !== JSON.stringify(pair.support) && (
              <div><Label>Support</Label><TextDiff before={original.support.join("\n")} after={pair.support.join("\n")} /></div>
            )}
          </div>
        </details>
      )}
    </div>
  );
}

function Label({ children }: { children: ReactNode }) {
  return <div className="mb-1 text-[11px] font-medium uppercase tracking-wide text-zinc-500">{children}</div>;
}
