"use client";

import Link from "next/link";
import { useState } from "react";
import { useAuditActions } from "@/components/hooks/use-audit-actions";
import { useAuditQuery } from "@/components/hooks/use-audit-query";
import { useUndoGroup } from "@/components/hooks/use-undo-group";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, Stat } from "@/components/ui/card";
import { ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { Field, Input } from "@/components/ui/fields";
import { fmtInt } from "@/lib/client/format";
import { fmtPct, IntervalBar } from "./interval-bar";

/** One audit: the sample's review, the slice's estimated accept rate with its interval, and "decide the rest". */
export function AuditDetail({ id }: { id: number }) {
  const q = useAuditQuery(id);
  const { apply } = useAuditActions();
  const undo = useUndoGroup();
  const [accept, setAccept] = useState("0.9");
  const [reject, setReject] = useState("0.5");
  const [message, setMessage] = useState<string | null>(null);
  if (q.error) return <ErrorNotice error={q.error} />;
  const a = q.data;
  if (!a) return <Card><SkeletonRows rows={4} /></Card>;
  const conf = `${Math.round(a.confidence * 100)}%`;
  const slice = Object.entries(a.filter).map(([k, v]) => `${k}=${String(v)}`).join(", ") || "all pairs";
  const live = a.applied && !a.applied.undone;
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Sample reviewed" value={`${fmtInt(a.estimate.reviewed)} / ${fmtInt(a.size)}`} hint={`of ${fmtInt(a.population)} pairs in the slice · seed ${a.seed}`} />
        <Stat label="Estimated accept rate" value={fmtPct(a.estimate.rate)} hint={`${conf} Wilson interval ${fmtPct(a.estimate.low)} – ${fmtPct(a.estimate.high)}`} />
        <Stat label="Sample decisions" value={<span className="text-base">{fmtInt(a.sample.accepted)} accepted · {fmtInt(a.sample.rejected)} rejected · {fmtInt(a.sample.flagged)} flagged</span>} hint="flagged counts as not accepted" />
        <Stat label="Rest of the slice, pending" value={fmtInt(a.remainder)} hint="what “decide the rest” changes" />
      </div>
      <Card>
        <CardHeader title={a.name} description={<>Slice: <i>{slice}</i>{a.margin ? ` · target ±${(a.margin * 100).toFixed(1)}% at ${conf}` : ""}</>}
          actions={<>
            <Link className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500" href={`/review?audit=${a.id}`}>
              {a.sample.pending ? `Review the sample (${fmtInt(a.sample.pending)} left)` : "Sample reviewed"}</Link>
            <Link className="text-sm text-indigo-600 hover:underline" href={`/pairs?audit=${a.id}`}>Sample in the table</Link>
          </>} />
        <div className="space-y-4 p-4">
          <IntervalBar rate={a.estimate.rate} low={a.estimate.low} high={a.estimate.high} accept={Number(accept)} reject={Number(reject)} />
          <form className="flex flex-wrap items-end gap-3" aria-label="Decide the rest" onSubmit={(e) => {
            e.preventDefault(); setMessage(null);
            apply.mutate({ id: a.id, acceptAbove: Number(accept), rejectBelow: Number(reject) }, {
              onSuccess: (r) => setMessage(`${r.decision.action === "accept" ? "Accepted" : "Rejected"} ${fmtInt(r.decision.changed)} pending pairs of the slice as one bulk action (#${r.decision.groupId}).`),
              onError: (err) => setMessage(err.message),
            });
          }}>
            <Field label="Accept the rest if the lower bound ≥"><Input className="w-28" type="number" min="0" max="1" step="0.01" value={accept} onChange={(e) => setAccept(e.target.value)} aria-label="Accept above" /></Field>
            <Field label="Reject the rest if the upper bound ≤"><Input className="w-28" type="number" min="0" max="1" step="0.01" value={reject} onChange={(e) => setReject(e.target.value)} aria-label="Reject below" /></Field>
            <Button type="submit" disabled={apply.isPending || !!live || !a.estimate.reviewed || !a.remainder}>Decide the rest from the audit</Button>
            {live && a.applied && (
              <Button variant="secondary" disabled={undo.isPending} onClick={() => undo.mutate(a.applied!.groupId, {
                onSuccess: (u) => { setMessage(`Undone: ${fmtInt(u.restored)} pairs pending again${u.kept ? `, ${fmtInt(u.kept)} changed since and kept` : ""}.`); void q.refetch(); },
                onError: (err) => setMessage(err.message),
              })}>Undo ({a.applied.action} of {fmtInt(a.applied.changed)})</Button>
            )}
          </form>
          {message && <p role="status" className="text-sm text-zinc-700 dark:text-zinc-300">{message}</p>}
          {a.applied && <p className="text-xs text-zinc-500">Applied {new Date(a.applied.at).toLocaleString()}: {a.applied.action} {fmtInt(a.applied.changed)} pairs (bulk action #{a.applied.groupId}){a.applied.undone ? " — undone" : ""}.</p>}
        </div>
      </Card>
    </div>
  );
}
