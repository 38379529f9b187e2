"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Card, CardHeader, Stat } from "@/components/ui/card";
import { api } from "@/lib/client/fetch";
import { fmtInt } from "@/lib/client/format";
import { keys } from "@/lib/client/query-keys";
import type { VerifyCoverage as Coverage } from "@/lib/verify/queries";
import { VERDICT_CODES, VERDICT_LABELS } from "@/lib/verify/verdict";

/** How much of the dataset a model verified, and the verdicts: what `export --verified` would keep. */
export function VerifyCoverage() {
  const q = useQuery({ queryKey: keys.verifyCoverage(), queryFn: () => api<Coverage>("/api/verify/coverage") });
  const c = q.data;
  if (!c) return null;
  const pct = (n: number) => (c.pairs ? `${((100 * n) / c.pairs).toFixed(1)}%` : "–");
  return (
    <Card aria-label="Verification coverage">
      <CardHeader title="Verification coverage"
        description={<>Pairs a model checked (closed-book, evidence-only, piece ablation); <b>export --verified</b> keeps only those that passed. <Link className="text-indigo-600 hover:underline" href="/pairs?verdict=unverified">Verify the rest →</Link></>} />
      <div className="grid grid-cols-2 gap-4 p-4 sm:grid-cols-4">
        <Stat label="Verified" value={<span className="tabular">{fmtInt(c.verified)} / {fmtInt(c.pairs)}</span>} hint={pct(c.verified)} />
        <Stat label="Passed every check" value={<span className="tabular">{fmtInt(c.passed)}</span>} hint={pct(c.passed)} />
        <Stat label="Failed a check" value={<span className="tabular">{fmtInt(c.failed)}</span>} hint={pct(c.failed)} />
        <Stat label="Not verified" value={<span className="tabular">{fmtInt(c.pairs - c.verified)}</span>} hint={pct(c.pairs - c.verified)} />
      </div>
      <ul className="flex flex-wrap gap-x-6 gap-y-1 px-4 pb-4 text-xs text-zinc-500">
        {VERDICT_CODES.map((code) => (
          <li key={code}><Link className="hover:underline" href={`/pairs?verdict=${code}`}>{VERDICT_LABELS[code]}</Link> <span className="tabular font-medium text-zinc-700 dark:text-zinc-300">{fmtInt(c.byVerdict[code] ?? 0)}</span></li>
        ))}
      </ul>
    </Card>
  );
}
