"use client";

import { useEffect, useState } from "react";
import { useSavedViews } from "@/components/hooks/use-saved-views";
import { Button } from "@/components/ui/button";
import type { UrlValues } from "./filter-state";

const FILTER_PARAMS = ["status", "type", "flag", "verdict", "model", "promptVersion", "reviewer", "edited", "q", "audit", "sort"] as const;

/**
 * Named filters: pick one to apply it, save the current filter under a name. The URL is the share: /pairs?view=ID
 * applies that view's filter for whoever opens it.
 */
export function SavedViews({ values, set }: { values: UrlValues & { view?: string }; set: (p: Record<string, string>) => void }) {
  const { query, save } = useSavedViews();
  const [name, setName] = useState("");
  const [naming, setNaming] = useState(false);
  const views = query.data?.items ?? [];
  const apply = (id: number) => {
    const v = views.find((x) => x.id === id);
    if (!v) return;
    const patch: Record<string, string> = { view: String(id), open: "" };
    for (const k of FILTER_PARAMS) patch[k] = v.filter[k as keyof typeof v.filter] === undefined ? "" : String(v.filter[k as keyof typeof v.filter]);
    set(patch);
  };
  // /pairs?view=ID opened without filter parameters: apply the view
  useEffect(() => {
    const id = Number(values.view);
    if (id && views.length && FILTER_PARAMS.every((k) => !values[k as keyof UrlValues])) apply(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values.view, views.length]);
  const current = Object.fromEntries(FILTER_PARAMS.filter((k) => values[k as keyof UrlValues]).map((k) => [k, values[k as keyof UrlValues]]));
  const shareUrl = values.view ? `/pairs?view=${values.view}` : null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs" aria-label="Saved views">
      <label className="flex items-center gap-1 text-zinc-500">View
        <select value={values.view ?? ""} onChange={(e) => (e.target.value ? apply(Number(e.target.value)) : set({ view: "" }))} aria-label="Saved view"
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900">
          <option value="">—</option>
          {views.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
        </select>
      </label>
      {naming ? (
        <form className="flex items-center gap-1" onSubmit={(e) => { e.preventDefault(); save.mutate({ name, filter: current }, { onSuccess: (v) => { setNaming(false); setName(""); set({ view: String(v.id) }); } }); }}>
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder="Name this view" aria-label="View name" maxLength={120}
            className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900" />
          <Button type="submit" className="!px-2 !py-0.5 text-xs" disabled={!name.trim() || save.isPending}>Save</Button>
          <Button variant="ghost" className="!px-2 !py-0.5 text-xs" onClick={() => setNaming(false)}>Cancel</Button>
        </form>
      ) : <Button variant="secondary" className="!px-2 !py-0.5 text-xs" onClick={() => setNaming(true)}>Save this filter as a view…</Button>}
      {shareUrl && <a href={shareUrl} className="text-indigo-600 hover:underline" title="Anyone who opens this link sees this view's filter">Link to share: {shareUrl}</a>}
      {save.error && <span role="alert" className="text-red-600">{save.error.message}</span>}
    </div>
  );
}
