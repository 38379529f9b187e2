"use client";

import { X } from "lucide-react";
import { useEffect, useState } from "react";
import { usePairQuery } from "@/components/hooks/use-pair-query";
import { conflictOf, usePairWrite } from "@/components/hooks/use-pair-write";
import { ConflictPanel } from "@/components/review/conflict-panel";
import { EditForm } from "@/components/review/edit-form";
import { EvidenceView } from "@/components/review/evidence-view";
import { HistoryList } from "@/components/review/history-list";
import { PairMeta } from "@/components/review/pair-meta";
import { PairView } from "@/components/review/pair-view";
import { Button } from "@/components/ui/button";
import { ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import type { PairChanges, PairStatus } from "@/lib/pairs/schemas";
import type { PairDetail } from "@/lib/pairs/types";

/** One pair from the table: everything the focus view shows, status buttons, edit in place and its history. */
export function PairDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const q = usePairQuery(id);
  const { patch } = usePairWrite();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<{ theirs: PairDetail; mine: PairChanges } | null>(null);
  useEffect(() => {
    const esc = (e: KeyboardEvent) => { if (e.key === "Escape" && !editing) onClose(); };
    window.addEventListener("keydown", esc);
    return () => window.removeEventListener("keydown", esc);
  }, [editing, onClose]);

  const write = async (pair: PairDetail, changes: PairChanges) => {
    setError(null);
    try {
      await patch(pair.id, { ...changes, version: pair.version });
      setEditing(false); setConflict(null);
    } catch (err) {
      const theirs = conflictOf(err);
      if (theirs) { setEditing(false); setConflict({ theirs, mine: changes }); } else setError(err);
    }
  };
  const pair = q.data;
  return (
    <aside role="dialog" aria-label={`Pair #${id}`} className="fixed inset-y-0 right-0 z-30 flex w-full max-w-2xl flex-col border-l border-zinc-200 bg-zinc-50 shadow-2xl dark:border-zinc-800 dark:bg-zinc-950">
      <div className="flex h-12 items-center gap-2 border-b border-zinc-200 bg-white px-4 dark:border-zinc-800 dark:bg-zinc-900">
        <span className="text-sm font-semibold">Pair #{id}</span>
        {pair && !editing && (
          <div className="ml-3 flex gap-1">
            {(["accepted", "rejected", "flagged", "pending"] as PairStatus[]).filter((s) => s !== pair.status).map((s) => (
              <Button key={s} variant="secondary" className="!px-2 !py-0.5 text-xs" onClick={() => void write(pair, { status: s })}>
                {s === "pending" ? "Back to pending" : s === "accepted" ? "Accept" : s === "rejected" ? "Reject" : "Flag"}
              </Button>
            ))}
            <Button variant="secondary" className="!px-2 !py-0.5 text-xs" onClick={() => setEditing(true)}>Edit</Button>
          </div>
        )}
        <button type="button" aria-label="Close" onClick={onClose} className="ml-auto rounded p-1 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"><X size={16} /></button>
      </div>
      <div className="flex-1 space-y-4 overflow-auto p-4">
        {q.isLoading && <SkeletonRows />}
        {q.error ? <ErrorNotice error={q.error} /> : error !== null && <ErrorNotice error={error} />}
        {conflict && <ConflictPanel theirs={conflict.theirs} mine={conflict.mine} onKeepTheirs={() => { setConflict(null); void q.refetch(); }}
          onApplyMine={() => void write(conflict.theirs, conflict.mine)} />}
        {pair && (
          <>
            <PairMeta pair={pair} />
            {editing ? <EditForm pair={pair} saving={false} onCancel={() => setEditing(false)} onSave={(c) => (Object.keys(c).length ? void write(pair, c) : setEditing(false))} /> : <PairView pair={pair} />}
            <EvidenceView pair={pair} />
            <div><div className="mb-2 text-[11px] font-medium uppercase tracking-wide text-zinc-500">History</div><HistoryList pairId={pair.id} version={pair.version} /></div>
          </>
        )}
      </div>
    </aside>
  );
}
