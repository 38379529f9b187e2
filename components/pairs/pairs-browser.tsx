"use client";

import Link from "next/link";
import { usePairsCountQuery } from "@/components/hooks/use-pairs-count-query";
import { usePairsQuery } from "@/components/hooks/use-pairs-query";
import { useUrlState } from "@/components/hooks/use-url-state";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { fmtInt } from "@/lib/client/format";
import { SearchHint } from "@/components/ui/search-hint";
import { BulkBar } from "./bulk-bar";
import { filterFromUrl, sortFromUrl, URL_KEYS } from "./filter-state";
import { PairDrawer } from "./pair-drawer";
import { SavedViews } from "./saved-views";
import { PairsFilters } from "./pairs-filters";
import { PairsTable } from "./pairs-table";
import { ProgressOverview } from "./progress-overview";
import { VerifyButton } from "@/components/verify/verify-button";

/** The table view: progress, filters in the URL, keyset-paged rows, bulk actions on the whole filter. */
export function PairsBrowser() {
  const [values, set] = useUrlState(URL_KEYS);
  const filter = filterFromUrl(values);
  const sort = sortFromUrl(values);
  const list = usePairsQuery({ ...filter, sort });
  const count = usePairsCountQuery(filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const openId = Number(values.open) || null;
  const reviewLink = `/review${filter.type ? `?type=${filter.type}` : ""}`;
  return (
    <div className="space-y-4">
      <ProgressOverview />
      <PairsFilters values={values} set={set} />
      <SavedViews values={values} set={set} />
      <SearchHint q={values.q} />
      <Card>
        <CardHeader
          title={<span className="tabular">{count.data ? `${fmtInt(count.data.count)} pairs` : "Pairs"}</span>}
          description={<span>Click a row for its evidence and history, to decide or edit it. <Link className="text-indigo-600 hover:underline" href={reviewLink}>Review pending pairs one by one →</Link></span>}
        />
        <BulkBar filter={filter} count={count.data?.count} />
        <div className="flex border-b border-zinc-100 px-4 py-2 dark:border-zinc-800"><VerifyButton filter={filter} count={count.data?.count} /></div>
        {list.isLoading && <SkeletonRows />}
        {list.error && <div className="p-4"><ErrorNotice error={list.error} /></div>}
        {list.data && items.length === 0 && (
          <EmptyState title="No pairs match">
            {Object.keys(filter).length ? "Clear a filter to see more." : <>No pairs yet — <Link className="text-indigo-600 hover:underline" href="/generate">generate question–answer pairs</Link> from your segments.</>}
          </EmptyState>
        )}
        {items.length > 0 && (
          <PairsTable items={items} hasMore={!!list.hasNextPage} openId={openId} onOpen={(id) => set({ open: String(id) })}
            loadMore={() => { if (!list.isFetchingNextPage) void list.fetchNextPage(); }} />
        )}
      </Card>
      {openId && <PairDrawer key={openId} id={openId} onClose={() => set({ open: "" })} />}
    </div>
  );
}
