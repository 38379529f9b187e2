"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { CorpusSelect } from "@/components/corpora/corpus-select";
import { useCorporaQuery } from "@/components/hooks/use-corpora-query";
import { useSegmentsQuery } from "@/components/hooks/use-segments-query";
import { numOrUndef, useUrlState } from "@/components/hooks/use-url-state";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { Field, Input } from "@/components/ui/fields";
import { SearchHint } from "@/components/ui/search-hint";
import { fmtInt } from "@/lib/client/format";
import { SamplePanel } from "./sample-panel";
import { SegmentList } from "./segment-list";

export function SegmentsBrowser() {
  const [f, set] = useUrlState(["corpusId", "minTokens", "maxTokens", "q"] as const);
  const [draft, setDraft] = useState(f);
  useEffect(() => setDraft(f), [f.corpusId, f.minTokens, f.maxTokens, f.q]); // eslint-disable-line react-hooks/exhaustive-deps
  const filter = { corpusId: numOrUndef(f.corpusId), minTokens: numOrUndef(f.minTokens), maxTokens: numOrUndef(f.maxTokens), q: f.q || undefined };
  const query = useSegmentsQuery(filter);
  const corpora = useCorporaQuery();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const toggle = useCallback((id: number) => setSelected((prev) => {
    const next = new Set(prev);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  }), []);
  const unfiltered = !filter.minTokens && !filter.maxTokens && !filter.q;
  const total = unfiltered ? corpora.data?.corpora.filter((c) => !filter.corpusId || c.id === filter.corpusId).reduce((a, c) => a + c.segmentCount, 0) : undefined;
  return (
    <div className="grid gap-6 xl:grid-cols-[1fr_22rem]">
      <div className="space-y-4">
        <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => { e.preventDefault(); set(draft); }}>
          <div className="w-52"><Field label="Corpus"><CorpusSelect value={draft.corpusId} onChange={(v) => { setDraft({ ...draft, corpusId: v }); set({ corpusId: v }); }} /></Field></div>
          <div className="w-24"><Field label="Min tokens"><Input type="number" min={0} value={draft.minTokens} onChange={(e) => setDraft({ ...draft, minTokens: e.target.value })} aria-label="Minimum tokens" /></Field></div>
          <div className="w-24"><Field label="Max tokens"><Input type="number" min={0} value={draft.maxTokens} onChange={(e) => setDraft({ ...draft, maxTokens: e.target.value })} aria-label="Maximum tokens" /></Field></div>
          <div className="w-64"><Field label="Search text"><Input type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} placeholder="words, “a phrase”" aria-label="Search segments" /></Field></div>
          <Button type="submit" variant="secondary">Apply</Button>
        </form>
        <SearchHint q={f.q} />
        <Card>
          <CardHeader title="Segments" description={total !== undefined ? `${fmtInt(total)} segments` : `${fmtInt(items.length)}${query.hasNextPage ? "+" : ""} matching segments loaded`}
            actions={selected.size > 0 && (
              <>
                <span className="tabular text-xs text-zinc-500">{fmtInt(selected.size)} selected</span>
                <Button variant="ghost" onClick={() => setSelected(new Set())}>Clear</Button>
                <Link href={`/generate?segments=${[...selected].join(",")}`} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500">Generate from selection</Link>
              </>
            )} />
          {query.isLoading && <SkeletonRows />}
          {query.error && <div className="p-4"><ErrorNotice error={query.error} /></div>}
          {query.data && items.length === 0 && <EmptyState title="No segments match">Change the filters, or import a corpus first.</EmptyState>}
          {items.length > 0 && <SegmentList items={items} hasMore={!!query.hasNextPage} loadMore={() => { if (!query.isFetchingNextPage) void query.fetchNextPage(); }} selected={selected} toggle={toggle} />}
        </Card>
      </div>
      <SamplePanel filter={filter} />
    </div>
  );
}
