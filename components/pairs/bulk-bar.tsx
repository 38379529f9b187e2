"use client";

import { useState } from "react";
import { usePairsBulk } from "@/components/hooks/use-pairs-bulk";
import { useUndoGroup } from "@/components/hooks/use-undo-group";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/client/fetch";
import { fmtInt } from "@/lib/client/format";
import type { BulkAction, PairFilter } from "@/lib/pairs/schemas";
import { describeFilter } from "./filter-state";

const VERB: Record<BulkAction, string> = { accept: "Accept", reject: "Reject", flag: "Flag" };
const DONE: Record<BulkAction, string> = { accept: "Accepted", reject: "Rejected", flag: "Flagged" };

/**
 * Bulk status change on everything the current filter matches — not just the loaded rows. The count is shown
 * and confirmed; the server refuses if the filter matches a different count by then, and the new count is
 * offered for a fresh confirmation.
 */
export function BulkBar({ filter, count }: { filter: PairFilter; count: number | undefined }) {
  const bulk = usePairsBulk();
  const [confirm, setConfirm] = useState<{ action: BulkAction; expected: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [lastGroup, setLastGroup] = useState<number | null>(null);
  const undoGroup = useUndoGroup();
  const run = (c: { action: BulkAction; expected: number }) =>
    bulk.mutate({ filter, ...c }, {
      onSuccess: (r) => { setConfirm(null); setLastGroup(r.changed ? r.groupId : null); setMessage(`${DONE[c.action]}: ${fmtInt(r.changed)} of ${fmtInt(r.matched)} matching pairs changed (the rest already had that status). Each change is in the pair's history.`); },
      onError: (err) => {
        const now = err instanceof ApiError ? (err.body.current as { count?: number } | undefined)?.count : undefined;
        if (now !== undefined) setConfirm({ ...c, expected: now });
        setMessage(err.message);
      },
    });
  if (count === undefined) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-zinc-100 px-4 py-2 text-xs dark:border-zinc-800" aria-label="Bulk actions">
      {confirm ? (
        <div role="alertdialog" aria-label="Confirm bulk action" className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-2.5 py-1.5 dark:border-amber-800 dark:bg-amber-500/10">
          <span><b>{VERB[confirm.action]} all {fmtInt(confirm.expected)}</b> pairs matching <i>{describeFilter(filter)}</i>?</span>
          <Button className="!px-2 !py-0.5 text-xs" disabled={bulk.isPending} onClick={() => run(confirm)}>{bulk.isPending ? "Working…" : `Yes, ${VERB[confirm.action].toLowerCase()} ${fmtInt(confirm.expected)}`}</Button>
          <Button variant="secondary" className="!px-2 !py-0.5 text-xs" onClick={() => setConfirm(null)}>Cancel</Button>
        </div>
      ) : (
        <>
          <span className="text-zinc-500">All {fmtInt(count)} matching:</span>
          {(["accept", "reject", "flag"] as const).map((a) => (
            <Button key={a} variant={a === "reject" ? "danger" : "secondary"} className="!px-2 !py-0.5 text-xs" disabled={count === 0}
              aria-describedby={count === 0 ? "bulk-none" : undefined} title={count === 0 ? "No pair matches the current filter" : undefined}
              onClick={() => { setMessage(null); setConfirm({ action: a, expected: count }); }}>{VERB[a]} all…</Button>
          ))}
          {count === 0 && <span id="bulk-none" className="text-zinc-500" data-testid="bulk-disabled-reason">No pair matches this filter, so there is nothing to act on: change or clear the filters.</span>}
        </>
      )}
      {message && <span role="status" className="text-zinc-600 dark:text-zinc-400">{message}</span>}
      {lastGroup !== null && (
        <Button variant="secondary" className="!px-2 !py-0.5 text-xs" disabled={undoGroup.isPending}
          onClick={() => undoGroup.mutate(lastGroup, {
            onSuccess: (u) => { setLastGroup(null); setMessage(`Undid the bulk action: ${fmtInt(u.restored)} pairs restored${u.kept ? `, ${fmtInt(u.kept)} changed since and kept` : ""}.`); },
            onError: (err) => setMessage(err.message),
          })}>Undo this bulk action</Button>
      )}
    </div>
  );
}
