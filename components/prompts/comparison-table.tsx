"use client";

import Link from "next/link";
import { usePromptComparisonQuery } from "@/components/hooks/use-prompt-comparison-query";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { fmtInt } from "@/lib/client/format";
import { AcceptRateChart } from "./accept-rate-chart";

const TH = "px-3 py-1.5 text-left text-xs font-medium text-zinc-500 whitespace-nowrap";
const TD = "px-3 py-1.5 tabular-nums text-right whitespace-nowrap";
const pct = (v: number | null) => (v === null ? "–" : `${(100 * v).toFixed(1)}%`);
const usd = (v: number | null) => (v === null ? "–" : v < 0.01 ? `$${v.toFixed(5)}` : `$${v.toFixed(3)}`);

/** The lineage ledger: segment → prompt version → model → cost → reviewer decisions. */
export function ComparisonTable() {
  const q = usePromptComparisonQuery();
  return (
    <Card>
      <CardHeader title="Compare versions" description="Per prompt version × model. Accept rate = accepted / (accepted + rejected), with its 95% Wilson interval; $ per accepted pair counts every item's cost, failed ones included." />
      {q.error ? <div className="p-4"><ErrorNotice error={q.error} /></div> : !q.data ? <SkeletonRows rows={3} /> : !q.data.rows.length
        ? <EmptyState title="No pairs yet">Generate with a prompt version, review some pairs, and the comparison fills in.</EmptyState> : (
          <>
            <div className="overflow-x-auto">
              <table className="w-full text-sm" aria-label="Prompt comparison">
                <thead><tr>
                  <th className={TH}>Prompt version</th><th className={TH}>Model</th><th className={`${TH} text-right`}>Pairs</th>
                  <th className={`${TH} text-right`}>Decided</th><th className={`${TH} text-right`}>Accept rate</th><th className={`${TH} text-right`}>95% interval</th>
                  <th className={`${TH} text-right`}>Flagged</th><th className={`${TH} text-right`}>Verify failed</th><th className={`${TH} text-right`}>Mean tokens</th>
                  <th className={`${TH} text-right`}>Cost</th><th className={`${TH} text-right`}>$ / accepted</th>
                </tr></thead>
                <tbody>
                  {q.data.rows.map((r) => (
                    <tr key={`${r.promptVersion}|${r.model}`} className="border-t border-zinc-100 dark:border-zinc-800">
                      <td className="px-3 py-1.5 font-mono text-xs"><Link className="text-indigo-600 hover:underline" href={`/pairs?promptVersion=${encodeURIComponent(r.promptVersion)}&model=${encodeURIComponent(r.model)}`}>{r.promptVersion}</Link></td>
                      <td className="px-3 py-1.5 text-xs">{r.model}</td>
                      <td className={TD}>{fmtInt(r.pairs)}</td><td className={TD}>{fmtInt(r.decided)}</td>
                      <td className={`${TD} font-medium`}>{pct(r.acceptRate)}</td>
                      <td className={TD}>{r.decided ? `${pct(r.low)} – ${pct(r.high)}` : "–"}</td>
                      <td className={TD}>{pct(r.flagRate)}</td><td className={TD}>{pct(r.verdictFailRate)}</td>
                      <td className={TD}>{r.meanTokens === null ? "–" : fmtInt(Math.round(r.meanTokens))}</td>
                      <td className={TD}>{r.meanTokens === null && r.costUsd === 0 ? "–" : usd(r.costUsd)}</td><td className={TD}>{usd(r.usdPerAccepted)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="border-t border-zinc-100 p-4 dark:border-zinc-800"><AcceptRateChart rows={q.data.rows} /></div>
          </>
        )}
    </Card>
  );
}
