"use client";

import { Play } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorNotice, Skeleton } from "@/components/ui/feedback";
import { fmtInt } from "@/lib/client/format";
import type { Estimate } from "@/lib/generate/estimate";

export function fmtUsd(n: number | null | undefined): string {
  if (n === null || n === undefined) return "–";
  return n === 0 ? "$0.00" : n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`;
}

/** What the job will cost, shown before it starts; the start button lives here so it is never pressed blind. */
export function EstimateCard({ estimate, loading, error, onStart, starting, budgetUsd }: {
  estimate: Estimate | undefined; loading: boolean; error: unknown; onStart: () => void; starting: boolean; budgetUsd?: number;
}) {
  const overBudget = budgetUsd !== undefined && estimate?.costUsd != null && estimate.costUsd > budgetUsd;
  return (
    <Card aria-label="Estimate">
      <CardHeader title="Estimate" description="Before anything is sent: tokens from the stored segment counts, completion at its cap." />
      <div className="space-y-3 p-4">
        {loading && !estimate && <Skeleton className="h-24 w-full" />}
        {error != null && <ErrorNotice error={error} />}
        {estimate && (
          <dl className="tabular grid grid-cols-2 gap-x-4 gap-y-2 text-sm" data-testid="estimate">
            <dt className="text-zinc-500">Items</dt><dd className="text-right font-medium">{fmtInt(estimate.items)}</dd>
            {estimate.provider !== "offline" && <>
              <dt className="text-zinc-500">Prompt tokens</dt><dd className="text-right">~{fmtInt(estimate.promptTokens)}</dd>
              <dt className="text-zinc-500">Completion tokens</dt><dd className="text-right">≤ {fmtInt(estimate.completionTokens)}</dd>
            </>}
            <dt className="text-zinc-500">Cost</dt>
            <dd className="text-right text-base font-semibold">{estimate.costUsd === null ? "price unknown" : estimate.provider === "offline" ? "$0.00" : `≤ ${fmtUsd(estimate.costUsd)}`}</dd>
          </dl>
        )}
        {estimate?.pricePerMillion && estimate.provider === "openai" && (
          <p className="text-xs text-zinc-500">{estimate.model}: ${estimate.pricePerMillion.input} in / ${estimate.pricePerMillion.output} out per 1M tokens{estimate.mode === "batch" ? ", batch −50%" : ""}.</p>
        )}
        {estimate?.provider === "offline" && <p className="text-xs text-zinc-500">The offline generator runs here without a model: no tokens, no cost.</p>}
        {estimate?.costUsd === null && <p className="text-xs text-amber-700 dark:text-amber-400">This model is not in the price table (IN2_PRICE_TABLE); a budget cannot be enforced.</p>}
        {estimate?.short && <p className="text-xs text-amber-700 dark:text-amber-400">Fewer eligible segments than requested: each gets one item per type, prompt and model; contaminated documents are left out.</p>}
        {overBudget && <p className="text-xs text-amber-700 dark:text-amber-400">The estimate is above the budget: the job will stop at the cap.</p>}
        <Button className="w-full" onClick={onStart} disabled={!estimate || estimate.items === 0 || starting || loading}>
          <Play size={14} aria-hidden /> {starting ? "Starting…" : "Start generation"}
        </Button>
      </div>
    </Card>
  );
}
