"use client";

import Link from "next/link";
import { usePairsCountQuery } from "@/components/hooks/use-pairs-count-query";
import { Select } from "@/components/ui/fields";
import { fmtInt } from "@/lib/client/format";
import type { PairType, QueueOrder } from "@/lib/pairs/schemas";

/** Which queue: order by quality score, optionally one pair type; and how far along the reviewer is. */
export function QueueToolbar({ order, type, decided, onChange }: {
  order: QueueOrder; type: PairType | undefined; decided: number;
  onChange: (patch: { order?: string; type?: string }) => void;
}) {
  const pending = usePairsCountQuery({ status: "pending", type });
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      <label className="flex items-center gap-2 text-xs text-zinc-500">
        Order
        <Select aria-label="Queue order" className="!w-auto !py-1 text-xs" value={order} onChange={(e) => onChange({ order: e.target.value === "lowest" ? "" : e.target.value })}>
          <option value="lowest">Lowest quality first</option>
          <option value="highest">Highest quality first</option>
        </Select>
      </label>
      <label className="flex items-center gap-2 text-xs text-zinc-500">
        Type
        <Select aria-label="Pair type" className="!w-auto !py-1 text-xs" value={type ?? ""} onChange={(e) => onChange({ type: e.target.value })}>
          <option value="">All</option>
          <option value="single">Single segment</option>
          <option value="multi">Multi-hop</option>
        </Select>
      </label>
      <span className="tabular text-xs text-zinc-500" aria-live="polite">
        <b className="font-semibold text-zinc-800 dark:text-zinc-200">{pending.data ? fmtInt(pending.data.count) : "…"}</b> pending · {fmtInt(decided)} decided this session
      </span>
      <Link href="/pairs" className="ml-auto text-xs text-indigo-600 hover:underline">Table view →</Link>
    </div>
  );
}
