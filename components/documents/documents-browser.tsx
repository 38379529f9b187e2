"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { CorpusSelect } from "@/components/corpora/corpus-select";
import { useDocumentsQuery } from "@/components/hooks/use-documents-query";
import { numOrUndef, useUrlState } from "@/components/hooks/use-url-state";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { Field, Input } from "@/components/ui/fields";
import { MarkedText } from "@/components/ui/marked-text";
import { SearchHint } from "@/components/ui/search-hint";
import { fmtInt } from "@/lib/client/format";

export function DocumentsBrowser() {
  const [f, set] = useUrlState(["corpusId", "q"] as const);
  const [q, setQ] = useState(f.q);
  useEffect(() => setQ(f.q), [f.q]);
  const query = useDocumentsQuery({ corpusId: numOrUndef(f.corpusId), q: f.q || undefined });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="space-y-4">
      <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => { e.preventDefault(); set({ q }); }}>
        <div className="w-56"><Field label="Corpus"><CorpusSelect value={f.corpusId} onChange={(v) => set({ corpusId: v })} /></Field></div>
        <div className="w-80"><Field label="Search text"><Input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="words, “a phrase”, -exclude" aria-label="Search documents" /></Field></div>
        <Button type="submit" variant="secondary">Search</Button>
      </form>
      <SearchHint q={f.q} />
      <Card>
        {query.isLoading && <SkeletonRows />}
        {query.error && <div className="p-4"><ErrorNotice error={query.error} /></div>}
        {query.data && items.length === 0 && (
          <EmptyState title="No documents match">{f.q ? "Try other words, or clear the search." : <>Import a corpus on the <Link className="text-indigo-600" href="/corpora">Corpora</Link> page.</>}</EmptyState>
        )}
        {items.length > 0 && (
          <table className="w-full table-fixed text-sm">
            <thead className="text-left text-xs text-zinc-500">
              <tr className="border-b border-zinc-100 dark:border-zinc-800">
                <th className="w-24 px-4 py-2 font-medium">Document</th><th className="px-4 py-2 font-medium">Text</th>
                <th className="w-24 px-4 py-2 text-right font-medium">Tokens</th><th className="w-24 px-4 py-2 text-right font-medium">Segments</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id} className="border-b border-zinc-100 align-top last:border-0 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/40">
                  <td className="tabular px-4 py-2 text-xs text-zinc-500">#{d.id}</td>
                  <td className="px-4 py-2">
                    <Link href={`/documents/${d.id}`} prefetch={false} className="line-clamp-2 hover:text-indigo-600"><MarkedText text={d.preview} /></Link>
                    {d.url && <div className="truncate text-xs text-zinc-400">{d.url}</div>}
                  </td>
                  <td className="tabular px-4 py-2 text-right">{fmtInt(d.tokenCount)}</td>
                  <td className="tabular px-4 py-2 text-right">{fmtInt(d.segmentCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {query.hasNextPage && (
          <div className="border-t border-zinc-100 p-3 text-center dark:border-zinc-800">
            <Button variant="secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
              {query.isFetchingNextPage ? "Loading…" : `Load more (showing ${fmtInt(items.length)})`}
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}
