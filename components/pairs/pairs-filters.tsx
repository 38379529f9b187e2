"use client";

import { useEffect, useState } from "react";
import { usePairsOverviewQuery } from "@/components/hooks/use-pairs-overview-query";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/fields";
import { QUALITY_CHECKS } from "@/lib/quality/catalog";
import type { UrlValues } from "./filter-state";
import { VERDICT_OPTIONS } from "@/components/verify/verdict-options";

const W = "!py-1 text-xs";

/** Every filter of the table; selects apply at once, the search on Enter. All of it lives in the URL. */
export function PairsFilters({ values, set }: { values: UrlValues; set: (patch: Partial<UrlValues>) => void }) {
  const overview = usePairsOverviewQuery();
  const [q, setQ] = useState(values.q);
  useEffect(() => setQ(values.q), [values.q]);
  const sel = (key: keyof UrlValues, label: string, options: [string, string][], width = "w-36", any = "Any") => (
    <div className={width}>
      <Field label={label}>
        <Select aria-label={label} className={W} value={values[key]} onChange={(e) => set({ [key]: e.target.value, open: "" })}>
          <option value="">{any}</option>
          {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </Select>
      </Field>
    </div>
  );
  const o = overview.data;
  return (
    <div className="flex flex-wrap items-end gap-2">
      {sel("status", "Status", [["pending", "Pending"], ["accepted", "Accepted"], ["rejected", "Rejected"], ["flagged", "Flagged"]], "w-28")}
      {sel("type", "Type", [["single", "Single"], ["multi", "Multi-hop"]], "w-28")}
      {sel("flag", "Quality flag", [["any", "Any flag"], ["none", "No flags"], ...QUALITY_CHECKS.map((c): [string, string] => [c.code, c.label])], "w-44")}
      {sel("verdict", "Model verdict", VERDICT_OPTIONS, "w-48")}
      {sel("model", "Model", (o?.byModel ?? []).map((m): [string, string] => [m.key, m.key]))}
      {sel("promptVersion", "Prompt", (o?.byPromptVersion ?? []).map((m): [string, string] => [m.key, m.key]), "w-28")}
      {sel("reviewer", "Reviewer", [["0", "Not reviewed"], ...(o?.reviewers ?? []).map((r): [string, string] => [String(r.actorId), r.name])], "w-32")}
      {sel("edited", "Edited", [["true", "Edited"], ["false", "Not edited"]], "w-28")}
      <form className="flex items-end gap-2" onSubmit={(e) => { e.preventDefault(); set({ q, open: "" }); }}>
        <div className="w-56"><Field label="Search"><Input type="search" aria-label="Search pairs" className={W} value={q} placeholder="words in question or answer" onChange={(e) => setQ(e.target.value)} /></Field></div>
        <Button type="submit" variant="secondary" className="!py-1 text-xs">Search</Button>
      </form>
      {sel("sort", "Sort", [["oldest", "Oldest first"], ["score_asc", "Lowest score"], ["score_desc", "Highest score"], ["updated", "Recently changed"]], "w-36", "Newest first")}
    </div>
  );
}
