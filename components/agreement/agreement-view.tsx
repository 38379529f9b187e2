"use client";

import Link from "next/link";
import { useState } from "react";
import { useAgreementActions } from "@/components/hooks/use-agreement-actions";
import { useAgreementQuery } from "@/components/hooks/use-agreement-query";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, Stat } from "@/components/ui/card";
import { EmptyState, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { Field, Input } from "@/components/ui/fields";
import { fmtInt } from "@/lib/client/format";
import { AssignCard } from "./assign-card";

const TH = "px-3 py-1.5 text-left text-xs font-medium text-zinc-500";
const TD = "px-3 py-1.5 tabular-nums";
const k2 = (k: number | null) => (k === null ? "–" : k.toFixed(2));
const DECISION_STYLE = { accepted: "text-emerald-700 dark:text-emerald-400", rejected: "text-red-700 dark:text-red-400", flagged: "text-amber-700 dark:text-amber-400" } as const;

/** Agreement between reviewers on the overlap pairs, and the disagreements waiting for a curator. */
export function AgreementView() {
  const q = useAgreementQuery();
  const { route, adjudicate } = useAgreementActions();
  const [fraction, setFraction] = useState("5");
  const [seed, setSeed] = useState("1");
  const [message, setMessage] = useState<string | null>(null);
  if (q.error) return <ErrorNotice error={q.error} />;
  const r = q.data;
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Overall Cohen's kappa" value={r ? k2(r.overall.kappa) : "…"} hint={r ? `${r.overall.label} · ${fmtInt(r.overall.n)} double-reviewed pairs` : undefined} />
        <Stat label="Observed agreement" value={r?.overall.observed == null ? "–" : `${(100 * r.overall.observed).toFixed(1)}%`} hint={r?.overall.expected == null ? undefined : `chance would give ${(100 * r.overall.expected).toFixed(1)}%`} />
        <Stat label="Overlap pairs" value={r ? fmtInt(r.overlap.open + r.overlap.agreed + r.overlap.disagreed + r.overlap.adjudicated) : "…"} hint={r ? `${fmtInt(r.overlap.open)} waiting for a vote · ${fmtInt(r.overlap.agreed)} agreed` : undefined} />
        <Stat label="Disagreements" value={r ? fmtInt(r.overlap.disagreed) : "…"} hint={r ? `${fmtInt(r.overlap.adjudicated)} adjudicated` : undefined} />
      </div>
      <Card>
        <CardHeader title="Route an overlap" description="A seeded share of the pending pairs goes to two reviewers, each blind to the other's decision. The review queue serves them like any pair, marked “Blind double review”." />
        <form className="flex flex-wrap items-end gap-3 p-4" aria-label="Route an overlap" onSubmit={(e) => {
          e.preventDefault(); setMessage(null);
          route.mutate({ fraction: Number(fraction) / 100, seed }, { onSuccess: (x) => setMessage(`${fmtInt(x.added)} pending pairs routed to two reviewers (${fmtInt(x.total)} overlap pairs in all).`), onError: (err) => setMessage(err.message) });
        }}>
          <Field label="Share of pending pairs, %"><Input className="w-28" type="number" min="0.1" max="100" step="0.1" value={fraction} onChange={(e) => setFraction(e.target.value)} aria-label="Overlap percent" /></Field>
          <Field label="Seed"><Input className="w-28" value={seed} onChange={(e) => setSeed(e.target.value)} /></Field>
          <Button type="submit" disabled={route.isPending}>Route to two reviewers</Button>
          {message && <span role="status" className="text-sm text-zinc-700 dark:text-zinc-300">{message}</span>}
        </form>
      </Card>
      <AssignCard />
      <Card>
        <CardHeader title="Kappa per reviewer pair" description="Cohen's kappa over the pairs both decided: 1 = perfect, 0 = chance level (Landis & Koch's words beside it)." />
        {!r ? <SkeletonRows rows={3} /> : !r.pairs.length ? <EmptyState title="No double-reviewed pair yet">Route an overlap, then let two reviewers work the queue.</EmptyState> : (
          <table className="w-full text-sm" aria-label="Kappa per reviewer pair">
            <thead><tr><th className={TH}>Reviewers</th><th className={`${TH} text-right`}>Pairs</th><th className={`${TH} text-right`}>Agreement</th><th className={`${TH} text-right`}>Kappa</th><th className={TH}>Reading</th></tr></thead>
            <tbody>{r.pairs.map((p) => (
              <tr key={`${p.a}|${p.b}`} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="px-3 py-1.5">{p.a} · {p.b}</td><td className={`${TD} text-right`}>{fmtInt(p.n)}</td>
                <td className={`${TD} text-right`}>{p.observed === null ? "–" : `${(100 * p.observed).toFixed(0)}%`}</td>
                <td className={`${TD} text-right font-medium`}>{k2(p.kappa)}</td><td className="px-3 py-1.5 text-xs text-zinc-500">{p.label}</td>
              </tr>))}
            </tbody>
          </table>
        )}
      </Card>
      <Card>
        <CardHeader title="Disagreements to adjudicate" description="Both votes are shown here only, never in the review view. Your decision becomes the pair's status." />
        {!r ? <SkeletonRows rows={3} /> : !r.disagreements.length ? <EmptyState title="No open disagreement" /> : (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Disagreements">
            {r.disagreements.map((d) => (
              <li key={d.pairId} className="flex flex-wrap items-center gap-3 px-4 py-2 text-sm" data-testid="disagreement">
                <Link href={`/pairs?open=${d.pairId}`} className="text-indigo-600 hover:underline">#{d.pairId}</Link>
                <span className="min-w-0 flex-1 truncate">{d.question}</span>
                <span className="text-xs">{d.votes.map((v) => <span key={v.reviewer} className="mr-2">{v.reviewer}: <b className={DECISION_STYLE[v.decision]}>{v.decision}</b></span>)}</span>
                {(["accepted", "rejected", "flagged"] as const).map((dec) => (
                  <Button key={dec} variant="secondary" className="!px-2 !py-0.5 text-xs" disabled={adjudicate.isPending}
                    onClick={() => adjudicate.mutate({ pairId: d.pairId, decision: dec })}>{dec === "accepted" ? "Accept" : dec === "rejected" ? "Reject" : "Flag"}</Button>
                ))}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
