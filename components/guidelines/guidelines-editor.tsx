"use client";

import { useEffect, useState } from "react";
import { useGuidelines } from "@/components/hooks/use-guidelines-query";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { Markdown } from "./markdown";

/** Write the guidelines in markdown beside a live preview; saving makes a new version. */
export function GuidelinesEditor() {
  const { query, save } = useGuidelines();
  const [text, setText] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => { if (text === null && query.data) setText(query.data.current?.text ?? "# Review guidelines\n\n- Accept when …\n- Reject when …\n"); }, [query.data, text]);
  if (query.error) return <ErrorNotice error={query.error} />;
  if (!query.data || text === null) return <Card><SkeletonRows rows={6} /></Card>;
  const current = query.data.current;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader title={current ? `Editing from version ${current.id}` : "First version"} description="Markdown: # headings, - lists, **bold**, *italic*, `code`." />
        <form className="space-y-2 p-4" aria-label="Guidelines editor" onSubmit={(e) => { e.preventDefault(); save.mutate(text, { onSuccess: (v) => setMessage(`Saved as version ${v.id}; decisions from now on record it.`), onError: (err) => setMessage(err.message) }); }}>
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={18} aria-label="Guidelines text"
            className="w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900" />
          <div className="flex items-center gap-2">
            <Button type="submit" disabled={save.isPending || text === (current?.text ?? "")}>Save as new version</Button>
            {message && <span role="status" className="text-sm text-zinc-600 dark:text-zinc-300">{message}</span>}
          </div>
        </form>
      </Card>
      <div className="space-y-4">
        <Card><CardHeader title="Preview" /><div className="px-4 pb-4"><Markdown text={text} /></div></Card>
        <Card>
          <CardHeader title="Versions" />
          <ul className="divide-y divide-zinc-100 text-xs dark:divide-zinc-800">
            {query.data.history.map((h) => <li key={h.id} className="px-4 py-1.5">version {h.id} · {h.author ?? "–"} · {new Date(h.createdAt).toLocaleString()}</li>)}
            {!query.data.history.length && <li className="px-4 py-1.5 text-zinc-500">None yet.</li>}
          </ul>
        </Card>
      </div>
    </div>
  );
}
