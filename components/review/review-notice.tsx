import { AlertTriangle, Info, X } from "lucide-react";
import type { Notice } from "@/components/hooks/use-review-queue";

/** What just happened, in one line: a refused decision (and that it was rolled back), an undo, a save. */
export function ReviewNotice({ notice, onClose }: { notice: Notice; onClose: () => void }) {
  const error = notice.tone === "error";
  return (
    <div role={error ? "alert" : "status"} data-testid="review-notice"
      className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm ${error
        ? "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-300"
        : "border-zinc-200 bg-white text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300"}`}>
      {error ? <AlertTriangle size={15} className="mt-0.5 shrink-0" aria-hidden /> : <Info size={15} className="mt-0.5 shrink-0 text-zinc-400" aria-hidden />}
      <span className="flex-1">{notice.text}</span>
      <button type="button" aria-label="Dismiss" onClick={onClose} className="rounded p-0.5 opacity-60 hover:opacity-100"><X size={14} /></button>
    </div>
  );
}
