"use client";

import { useState } from "react";
import { usePairComments } from "@/components/hooks/use-pair-comments";
import { Button } from "@/components/ui/button";

/** Comments in a pair's history: notes for the next reviewer or the adjudicator. */
export function PairComments({ pairId }: { pairId: number }) {
  const { query, add } = usePairComments(pairId);
  const [text, setText] = useState("");
  return (
    <div className="space-y-2 text-xs">
      <form className="flex gap-2" aria-label="Add a comment" onSubmit={(e) => { e.preventDefault(); if (text.trim()) add.mutate(text.trim(), { onSuccess: () => setText("") }); }}>
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder="Comment on this pair…" aria-label="Comment" maxLength={5000}
          className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900" />
        <Button type="submit" variant="secondary" className="!px-2 !py-0.5 text-xs" disabled={add.isPending || !text.trim()}>Comment</Button>
      </form>
      {add.error && <p role="alert" className="text-red-600">{add.error.message}</p>}
      {!!query.data?.comments.length && (
        <ol aria-label="Comments" className="space-y-1.5">
          {query.data.comments.map((c) => (
            <li key={c.id} className="border-l-2 border-indigo-300 pl-2.5 dark:border-indigo-800">
              <div className="flex gap-2 text-zinc-500"><span className="font-medium text-zinc-800 dark:text-zinc-200">commented</span><span>{c.author ?? "–"}</span>
                <time dateTime={c.createdAt}>{new Date(c.createdAt).toLocaleString()}</time></div>
              <p className="whitespace-pre-wrap">{c.text}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
