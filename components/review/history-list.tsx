"use client";
import type { ReactNode } from "react";

import { usePairHistoryQuery } from "@/components/hooks/use-pair-history-query";
import { ErrorNotice, Skeleton } from "@/components/ui/feedback";
import type { PairEventItem } from "@/lib/pairs/types";
import { TextDiff } from "./text-diff";

const KIND: Record<string, string> = { created: "created", status: "decided", edit: "edited", undo: "undid", bulk: "bulk action", quality: "quality re-check" };
const TEXT = ["question", "answer", "support"] as const;

function text(v: unknown): string {
  return Array.isArray(v) ? v.map(String).join("\n") : typeof v === "string" ? v : JSON.stringify(v);
}

/** What one event changed, before → after, in words a reviewer reads at a glance. */
function Change({ e }: { e: PairEventItem }) {
  const b = e.before ?? {};
  const a = e.after ?? {};
  const parts: ReactNode[] = [];
  if ("status" in a && e.kind !== "created") parts.push(<span key="s">status <b>{String(b.status ?? "–")}</b> → <b>{String(a.status)}</b></span>);
  for (const k of TEXT) if (k in a && e.kind !== "created")
    parts.push(<div key={k} className="mt-0.5 text-zinc-600 dark:text-zinc-400"><span className="text-zinc-500">{k}: </span><TextDiff before={text(b[k])} after={text(a[k])} /></div>);
  if ("qualityFlags" in a && Array.isArray(a.qualityFlags)) parts.push(<span key="q"> flags {Array.isArray(b.qualityFlags) ? b.qualityFlags.length : "–"} → {a.qualityFlags.length}</span>);
  if (typeof a.undoes === "number") parts.push(<span key="u"> (event #{a.undoes})</span>);
  return <>{parts}</>;
}

/** Every change to the pair, newest first: who, when, what kind, before and after. */
export function HistoryList({ pairId, version }: { pairId: number; version: number }) {
  const q = usePairHistoryQuery(pairId, version);
  if (q.isLoading) return <div className="space-y-1.5"><Skeleton className="h-4 w-3/4" /><Skeleton className="h-4 w-2/3" /></div>;
  if (q.error) return <ErrorNotice error={q.error} />;
  return (
    <ol aria-label="History" className="space-y-2 text-xs">
      {q.data?.events.map((e) => (
        <li key={e.id} className="border-l-2 border-zinc-200 pl-2.5 dark:border-zinc-700">
          <div className="flex flex-wrap gap-x-2 text-zinc-500">
            <span className="font-medium text-zinc-800 dark:text-zinc-200">{KIND[e.kind] ?? e.kind}</span>
            <span>{e.actorName ?? (e.actorId === null ? "system" : `user ${e.actorId}`)}</span>
            <time dateTime={e.createdAt} title={e.createdAt}>{new Date(e.createdAt).toLocaleString()}</time>
          </div>
          <div className="leading-relaxed"><Change e={e} /></div>
        </li>
      ))}
    </ol>
  );
}
