import { Badge } from "@/components/ui/feedback";
import { VERDICT_LABELS, type VerdictCode, type VerdictFlag } from "@/lib/verify/verdict";

export function verdictLabel(f: Pick<VerdictFlag, "code" | "piece">): string {
  return `${VERDICT_LABELS[f.code as VerdictCode] ?? f.code.replace(/_/g, " ")}${f.piece ? ` (piece ${f.piece})` : ""}`;
}

/** Compact verdict badges for a table row; the reason is in the tooltip, the model's replies in the pair's panel. */
export function VerdictBadges({ verdict }: { verdict: { passed: boolean; flags: VerdictFlag[]; model: string } | undefined }) {
  if (!verdict) return null;
  if (verdict.passed) return <span title={`Passed every model check (${verdict.model})`}><Badge color="green">✓ verified</Badge></span>;
  return (
    <>
      {verdict.flags.map((f, i) => (
        <span key={i} title={`${f.reason} — ${verdict.model}`} data-testid="verdict-badge"><Badge color="red">✗ {verdictLabel(f)}</Badge></span>
      ))}
    </>
  );
}
