import { Badge } from "@/components/ui/feedback";
import type { PairDetail } from "@/lib/pairs/types";

const STATUS_COLOR = { pending: "gray", accepted: "green", rejected: "red", flagged: "amber" } as const;

/** One dense line of facts about a pair: id, status, type, model, prompt, who decided. */
export function PairMeta({ pair }: { pair: PairDetail }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-500">
      <span className="tabular font-medium text-zinc-700 dark:text-zinc-300">Pair #{pair.id}</span>
      <Badge color={STATUS_COLOR[pair.status]}>{pair.status}</Badge>
      <span>{pair.type === "multi" ? `multi-hop · ${pair.evidence.length} pieces` : "single segment"}</span>
      <span>{pair.model}</span>
      <span>prompt {pair.promptVersion}</span>
      {pair.edited && <Badge color="indigo">edited</Badge>}
      {pair.reviewerName && pair.reviewedAt && <span>{pair.status} by {pair.reviewerName} · {new Date(pair.reviewedAt).toLocaleString()}</span>}
      <span className="tabular">v{pair.version}</span>
    </div>
  );
}
