"use client";

import Link from "next/link";
import { useState } from "react";
import { useReviewKeys, type ReviewAction } from "@/components/hooks/use-review-keys";
import { useReviewQueue } from "@/components/hooks/use-review-queue";
import { useUrlState } from "@/components/hooks/use-url-state";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorNotice, Skeleton } from "@/components/ui/feedback";
import type { PairChanges, PairType, QueueOrder } from "@/lib/pairs/schemas";
import type { PairDetail } from "@/lib/pairs/types";
import { ConflictPanel } from "./conflict-panel";
import { EditForm } from "./edit-form";
import { EvidenceView } from "./evidence-view";
import { HelpDialog } from "./help-dialog";
import { HistoryList } from "./history-list";
import { KeyHints } from "./key-hints";
import { PairMeta } from "./pair-meta";
import { PairView } from "./pair-view";
import { QueueToolbar } from "./queue-toolbar";
import { ReviewNotice } from "./review-notice";
import { BlindBadge, TeamBanner } from "./team-banner";
import { GuidelinesDialog } from "@/components/guidelines/guidelines-dialog";
import { PairComments } from "@/components/guidelines/pair-comments";

/** The focus view: one pending pair at a time, keyboard-first, nothing lost. */
export function ReviewWorkspace() {
  const [url, setUrl] = useUrlState(["order", "type", "audit"] as const);
  const order: QueueOrder = url.order === "highest" ? "highest" : "lowest";
  const type = url.type === "single" || url.type === "multi" ? (url.type as PairType) : undefined;
  const audit = Number(url.audit) > 0 ? Number(url.audit) : undefined;
  const q = useReviewQueue({ order, type, audit });
  const [help, setHelp] = useState(false);
  const [guide, setGuide] = useState(false);
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<{ theirs: PairDetail; mine: PairChanges } | null>(null);

  const onAction = (a: ReviewAction) => {
    if (help) return (a === "help" || a === "close") && setHelp(false);
    if (guide) return (a === "guidelines" || a === "close") && setGuide(false);
    if (a === "guidelines") return setGuide(true);
    if (editing || conflict) return;
    if (a === "accept") q.decide("accepted");
    else if (a === "reject") q.decide("rejected");
    else if (a === "flag") q.decide("flagged");
    else if (a === "skip") q.skip();
    else if (a === "undo") void q.undoLast();
    else if (a === "edit" && q.current) setEditing(true);
    else if (a === "help") setHelp(true);
    else if (a === "close") q.setNotice(null);
  };
  useReviewKeys(onAction);

  const save = async (changes: PairChanges, version?: number) => {
    if (!Object.keys(changes).length) return setEditing(false);
    setSaving(true);
    const r = await q.saveEdit(changes, version);
    setSaving(false);
    if ("ok" in r) { setEditing(false); setConflict(null); }
    else if ("conflict" in r) { setEditing(false); setConflict({ theirs: r.conflict, mine: changes }); }
    else q.setNotice({ tone: "error", text: `Could not save the edit: ${r.error}` });
  };

  const pair = q.current;
  return (
    <div className="space-y-3">
      <QueueToolbar order={order} type={type} decided={q.decided} onChange={(p) => setUrl(p)} />
      <div className="sticky top-12 z-10 -mx-1 flex flex-wrap items-center gap-2 rounded-md border border-zinc-200 bg-white/95 px-1 py-1 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/95">
        <KeyHints onAction={onAction} disabled={!pair || editing || !!conflict} undoDepth={q.undoDepth} />
      </div>
      {audit && <TeamBanner audit={audit} />}
      {q.notice && <ReviewNotice notice={q.notice} onClose={() => q.setNotice(null)} />}
      {q.error !== null && <ErrorNotice error={q.error} action={<Button variant="secondary" onClick={() => void q.retry()}>Retry</Button>} />}
      {conflict && (
        <ConflictPanel theirs={conflict.theirs} mine={conflict.mine}
          onKeepTheirs={() => { q.replace(conflict.theirs); setConflict(null); }}
          onApplyMine={() => { q.replace(conflict.theirs); void save(conflict.mine, conflict.theirs.version); }} />
      )}
      {pair ? (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]" data-testid="review-pair" data-pair-id={pair.id}>
          <Card className="space-y-4 self-start p-4">
            <PairMeta pair={pair} />
            {"blind" in pair && pair.blind === true && <BlindBadge />}
            {editing
              ? <EditForm key={pair.id} pair={pair} saving={saving} onCancel={() => setEditing(false)} onSave={(c) => void save(c)} />
              : <PairView pair={pair} />}
            <details className="border-t border-zinc-100 pt-3 dark:border-zinc-800">
              <summary className="cursor-pointer text-xs font-medium text-zinc-500">History</summary>
              <div className="mt-2 space-y-3"><PairComments pairId={pair.id} /><HistoryList pairId={pair.id} version={pair.version} /></div>
            </details>
          </Card>
          <div className="min-w-0">
            <EvidenceView pair={pair} />
            {q.upcoming[0] && <p className="mt-3 truncate text-xs text-zinc-400">Next: Pair #{q.upcoming[0].id} · {q.upcoming[0].question}</p>}
          </div>
        </div>
      ) : q.loading ? (
        <div className="grid gap-4 lg:grid-cols-[5fr_7fr]" role="status" aria-label="Loading">
          <Card className="space-y-3 p-4"><Skeleton className="h-4 w-1/3" /><Skeleton className="h-6 w-full" /><Skeleton className="h-16 w-full" /></Card>
          <Card className="space-y-2 p-4"><Skeleton className="h-40 w-full" /></Card>
        </div>
      ) : (
        <Card>
          <EmptyState title={q.undoDepth ? "Queue done for now" : "Nothing left to review"}
            action={<div className="flex gap-2"><Button variant="secondary" onClick={q.restart}>Start over (shows skipped pairs)</Button><Link href="/pairs" className="self-center text-sm text-indigo-600 hover:underline">Open the table</Link></div>}>
            No pending pairs after this point in the queue. Generate more pairs, or press <kbd>u</kbd> to take back your last decision.
          </EmptyState>
        </Card>
      )}
      {help && <HelpDialog onClose={() => setHelp(false)} />}
      {guide && <GuidelinesDialog onClose={() => setGuide(false)} />}
    </div>
  );
}
