"use client";

import { Download, Play } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/table";
import { Badge, EmptyState, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { fmtInt, fmtTime } from "@/lib/client/format";
import { STYLE_INFO } from "@/lib/probe/types";
import { useProbeSetsQuery } from "@/components/hooks/use-probe-sets-query";

/** Stored probing sets; each exports as JSONL or can be run against a model. */
export function SetsTable({ onRun }: { onRun: (setId: number) => void }) {
  const { data, error, isLoading } = useProbeSetsQuery();
  return (
    <Card>
      <CardHeader title="Probing sets" description="Examples = probed positions minus the ambiguous ones (their key occurs twice in the context)." />
      {isLoading && <SkeletonRows rows={3} />}
      {error && <div className="p-4"><ErrorNotice error={error} /></div>}
      {data && data.sets.length === 0 && (
        <EmptyState title="No probing set yet">Build one above: a 32K document set from the paper&apos;s sentences is the usual start.</EmptyState>
      )}
      {data && data.sets.length > 0 && (
        <DataTable data-testid="probe-sets" columns={["Set", "Style", ...["Tokens", "Contexts × items", "Examples", "Excluded", "Runs"].map((label) => ({ label, className: "text-right" })), "Created", ""]}>
            <tbody className="tabular">
              {data.sets.map((s) => (
                <tr key={s.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                  <td className="px-4 py-2">
                    <div><span className="text-zinc-400">Set #{s.id}</span> <span className="font-medium">{s.name}</span></div>
                    <div className="font-mono text-[11px] text-zinc-500">{s.source} · {s.tokenizer}</div>
                  </td>
                  <td className="px-4 py-2"><Badge color="indigo">{s.style}</Badge> <span className="text-xs text-zinc-500">{STYLE_INFO[s.style].pattern}</span></td>
                  <td className="px-4 py-2 text-right">{fmtInt(s.tokenBudget)}</td>
                  <td className="px-4 py-2 text-right">{s.setCount} × {fmtInt(s.itemsPerContext)}</td>
                  <td className="px-4 py-2 text-right">{fmtInt(s.exampleCount)}</td>
                  <td className="px-4 py-2 text-right">{fmtInt(s.excludedCount)}</td>
                  <td className="px-4 py-2 text-right">{fmtInt(s.runCount)}</td>
                  <td className="px-4 py-2 text-xs text-zinc-500">{fmtTime(s.createdAt)}</td>
                  <td className="whitespace-nowrap px-4 py-2 text-right">
                    <a className="mr-2 inline-flex items-center gap-1 text-xs text-indigo-600 hover:underline" href={`/api/probe/sets/${s.id}/export`} download>
                      <Download size={12} aria-hidden /> JSONL
                    </a>
                    <Button variant="secondary" onClick={() => onRun(s.id)} aria-label={`Run set ${s.id}`}><Play size={12} aria-hidden /> Run</Button>
                  </td>
                </tr>
              ))}
            </tbody>
        </DataTable>
      )}
    </Card>
  );
}
