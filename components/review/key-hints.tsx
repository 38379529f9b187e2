import { REVIEW_KEYS, type ReviewAction } from "@/components/hooks/use-review-keys";

/** The shortcuts, always visible; each is also a button for the mouse. */
export function KeyHints({ onAction, disabled, undoDepth }: { onAction: (a: ReviewAction) => void; disabled: boolean; undoDepth: number }) {
  return (
    <div role="toolbar" aria-label="Review actions" className="flex flex-wrap items-center gap-1">
      {REVIEW_KEYS.map((k) => (
        <button key={k.action} type="button" onClick={() => onAction(k.action)}
          disabled={disabled && k.action !== "help" && k.action !== "undo" && k.action !== "guidelines"}
          className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-xs text-zinc-600 hover:bg-zinc-100 disabled:opacity-40 dark:text-zinc-300 dark:hover:bg-zinc-800">
          {k.keys.map((key) => <kbd key={key}>{key}</kbd>)}
          <span>{k.label}{k.action === "undo" && undoDepth > 0 ? ` (${undoDepth})` : ""}</span>
        </button>
      ))}
    </div>
  );
}
