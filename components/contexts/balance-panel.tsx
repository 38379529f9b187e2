"use client";

import { HistogramChart } from "@/components/charts/histogram-chart";
import { MixChart } from "@/components/charts/mix-chart";
import { StatusChart } from "@/components/charts/status-chart";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { fmtInt } from "@/lib/client/format";
import type { BinnedDistribution } from "@/lib/contexts/balance";
import { useBalanceQuery } from "@/components/hooks/use-balance-query";

const k = (n: number) => `${(n / 1024).toFixed(n % 1024 ? 1 : 0)}K`;
const pct = (n: number) => `${Math.round(n * 100)}%`;

function ks(d: BinnedDistribution): string {
  if (!d.ks) return "no data";
  const verdict = d.ks.p < 0.05 ? "not uniform (p < 0.05)" : "consistent with uniform";
  return `n = ${fmtInt(d.n)} · KS D = ${d.ks.d.toFixed(3)}, p = ${d.ks.p.toFixed(2)} — ${verdict}`;
}

/** Length, depth, type-mix and status balance of one run or of the current dataset. */
export function BalancePanel({ runId }: { runId: number | null }) {
  const q = useBalanceQuery(runId);
  if (q.isPending) return <Card><SkeletonRows rows={8} /></Card>;
  if (q.error) return <ErrorNotice error={q.error} />;
  const s = q.data;
  const scope = runId === null ? "accepted pairs, newest context each" : `run #${runId}`;
  if (s.contexts.total === 0) {
    return <Card><EmptyState title="No contexts to chart yet">Assemble contexts above; the balance of {scope} appears here.</EmptyState></Card>;
  }
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="balance-panel">
      <Card>
        <CardHeader title="Context length" description={`${fmtInt(s.contexts.long)} long contexts in ${k(s.bounds.minTokens)}–${k(s.bounds.maxTokens)} tokens · ${ks(s.lengths)}`} />
        <div className="px-2 py-3"><HistogramChart bins={s.lengths.bins} expected={s.lengths.uniformExpected} label={(b) => k(b.start)} /></div>
      </Card>
      <Card>
        <CardHeader title="Type mix" description={`${fmtInt(s.contexts.total)} contexts (${scope}) against the paper's 1.1M / 300K / 150K`} />
        <div className="px-2 py-3"><MixChart rows={s.mix} /></div>
      </Card>
      {(["single", "multi"] as const).map((t) => (
        <Card key={t}>
          <CardHeader title={`Evidence depth · ${t === "single" ? "type 1 (single)" : "type 2 (multi, every piece)"}`} description={ks(s.depths[t])} />
          <div className="px-2 py-3">
            <HistogramChart bins={s.depths[t].bins} expected={s.depths[t].uniformExpected} label={(b) => pct(b.start)} color={t === "single" ? "#0ea5e9" : "#8b5cf6"} />
          </div>
        </Card>
      ))}
      <Card className="lg:col-span-2">
        <CardHeader title="Pairs by status" description="All pairs in the workspace, and how many already have a context" />
        <div className="px-2 py-3"><StatusChart rows={s.statuses} height={150} /></div>
      </Card>
    </div>
  );
}
