import { QUALITY_CHECKS, type QualityFlag } from "@/lib/quality/catalog";

const LABEL = new Map(QUALITY_CHECKS.map((c) => [c.code as string, c.label]));

export function flagLabel(code: string): string {
  return LABEL.get(code) ?? code.replace(/_/g, " ");
}

/** The automatic checks' findings: label, severity and the reason in full. */
export function QualityFlags({ flags, score }: { flags: QualityFlag[]; score: number }) {
  if (!flags.length) return <p className="text-xs text-emerald-700 dark:text-emerald-400">✓ All quality checks passed · score {score.toFixed(2)}</p>;
  return (
    <div aria-label="Quality flags" className="space-y-1">
      <div className="text-[11px] font-medium uppercase tracking-wide text-zinc-500">Quality · score <span className="tabular">{score.toFixed(2)}</span></div>
      <ul className="space-y-1">
        {flags.map((f, i) => (
          <li key={i} className="flex gap-2 text-xs">
            <span className={`mt-px h-fit shrink-0 self-start rounded px-1 py-px text-[10px] font-semibold uppercase ring-1 ring-inset ${f.severity === "error" ? "bg-red-50 text-red-700 ring-red-200 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-900" : "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-900"}`}>
              {f.severity === "error" ? "error" : "warn"}
            </span>
            <span><span className="font-medium">{flagLabel(f.code)}</span> <span className="text-zinc-500">— {f.reason}</span></span>
          </li>
        ))}
      </ul>
    </div>
  );
}
