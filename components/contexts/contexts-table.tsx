"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge, EmptyState, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { fmtInt } from "@/lib/client/format";
import { useContextsQuery } from "@/components/hooks/use-contexts-query";

const PAGE = 50;

/** Contexts of the chosen run (or each pair's newest), keyset-paged, each opening its preview. */
export function ContextsTable({ runId }: { runId: number | null }) {
  const [cursors, setCursors] = useState<number[]>([0]);
  const after = cursors.at(-1) ?? 0;
  const q = useContextsQuery({ runId: runId ?? undefined, after, limit: PAGE });
  const rows = q.data?.contexts ?? [];
  return (
    <Card>
      <CardHeader title="Contexts" description={runId === null ? "Each pair's newest context" : `Contexts of run #${runId}`}
        actions={<>
          <Button variant="secondary" disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))}>Previous</Button>
          <Button variant="secondary" disabled={rows.length < PAGE} onClick={() => setCursors((c) => [...c, rows.at(-1)?.pairId ?? 0])}>Next</Button>
        </>} />
      {q.isPending ? <SkeletonRows /> : q.error ? <div className="p-4"><ErrorNotice error={q.error} /></div> : rows.length === 0 ? (
        <EmptyState title="No contexts yet">Assemble contexts for accepted pairs with the form above.</EmptyState>
      ) : (
        <table className="tabular w-full text-xs" aria-label="Contexts">
          <thead className="text-left text-zinc-500">
            <tr>{["Pair", "Question", "Type", "Status", "Kind", "Tokens", "Evidence depth", "Run"].map((h) => <th key={h} className="px-3 py-1.5 font-medium">{h}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-zinc-100 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/50">
                <td className="px-3 py-1.5"><Link href={`/contexts/${r.pairId}?context=${r.id}`} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">#{r.pairId}</Link></td>
                <td className="max-w-md truncate px-3 py-1.5" title={r.question}>{r.question}</td>
                <td className="px-3 py-1.5">{r.type}</td>
                <td className="px-3 py-1.5">{r.status}</td>
                <td className="px-3 py-1.5"><Badge color={r.kind === "short" ? "amber" : "gray"}>{r.kind}</Badge></td>
                <td className="px-3 py-1.5 text-right">{fmtInt(r.totalTokens)}</td>
                <td className="px-3 py-1.5">{r.evidenceDepths.map((d) => `${Math.round(d * 100)}%`).join(" · ")}</td>
                <td className="px-3 py-1.5 text-zinc-500">#{r.runId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
