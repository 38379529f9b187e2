"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/** Filters live in the URL, so a view can be bookmarked, shared and reloaded. */
export function useUrlState<K extends string>(names: readonly K[]) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const values = Object.fromEntries(names.map((n) => [n, params.get(n) ?? ""])) as Record<K, string>;
  const set = useCallback((patch: Partial<Record<K, string>>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(patch) as [string, string | undefined][]) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    const s = next.toString();
    router.replace(s ? `${pathname}?${s}` : pathname, { scroll: false });
  }, [params, router, pathname]);
  return [values, set] as const;
}

export function numOrUndef(s: string): number | undefined {
  if (s === "") return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}
