import { pairFilter, PAIR_SORTS, type PairFilter, type PairSort } from "@/lib/pairs/schemas";

/** The table's URL parameters: the filter fields, the sort, and the pair open in the drawer. */
export const URL_KEYS = ["status", "type", "flag", "verdict", "model", "promptVersion", "reviewer", "edited", "q", "audit", "sort", "open", "view"] as const;
export type UrlValues = Record<(typeof URL_KEYS)[number], string>;

/** URL strings → a valid filter; an invalid value (a hand-edited URL) is dropped instead of breaking the page. */
export function filterFromUrl(v: UrlValues): PairFilter {
  const out: Record<string, unknown> = {};
  for (const [k, schema] of Object.entries(pairFilter.shape)) {
    const raw = v[k as keyof UrlValues];
    if (!raw) continue;
    const r = schema.safeParse(raw);
    if (r.success && r.data !== undefined) out[k] = r.data;
  }
  return out as PairFilter;
}

export function sortFromUrl(v: UrlValues): PairSort {
  return (PAIR_SORTS as readonly string[]).includes(v.sort) ? (v.sort as PairSort) : "newest";
}

/** "status pending · type multi" — what a bulk action is about to touch, in words. */
export function describeFilter(f: PairFilter): string {
  const parts = Object.entries(f).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => `${k} ${k === "q" ? `“${String(v)}”` : String(v)}`);
  return parts.length ? parts.join(" · ") : "all pairs";
}
