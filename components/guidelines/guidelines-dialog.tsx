"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { useGuidelines } from "@/components/hooks/use-guidelines-query";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/feedback";
import { Markdown } from "./markdown";

/** The `g` overlay of the review view: the guidelines in force. */
export function GuidelinesDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { query } = useGuidelines();
  useEffect(() => { ref.current?.showModal(); }, []);
  const g = query.data?.current;
  return (
    <dialog ref={ref} aria-label="Review guidelines" onClose={onClose} onCancel={onClose}
      className="m-auto max-h-[85vh] w-[42rem] max-w-[94vw] overflow-auto rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/30 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100">
      <div className="flex items-baseline justify-between border-b border-zinc-100 px-4 py-3 dark:border-zinc-800">
        <span className="text-sm font-semibold">Review guidelines</span>
        {g && <span className="text-xs text-zinc-500">version {g.id} · {g.author ?? "–"} · {new Date(g.createdAt).toLocaleDateString()}</span>}
      </div>
      <div className="px-4 py-2">
        {query.isLoading ? <Skeleton className="h-24 w-full" /> : g ? <Markdown text={g.text} />
          : <p className="py-3 text-sm text-zinc-500">No guidelines yet. A curator writes them on the <Link className="text-indigo-600 hover:underline" href="/guidelines">Guidelines</Link> page.</p>}
      </div>
      <div className="flex justify-between px-4 py-3 text-xs text-zinc-500">
        <span>Each decision records the guidelines version in force. <Link className="text-indigo-600 hover:underline" href="/guidelines">Edit</Link></span>
        <Button variant="secondary" onClick={onClose}>Close (g)</Button>
      </div>
    </dialog>
  );
}
