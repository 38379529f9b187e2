import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { VerdictFlag } from "@/lib/verify/verdict";

export interface RowVerdict { passed: boolean; flags: VerdictFlag[]; model: string; provider: string }

const CHUNK = 50;

/**
 * Verdicts of the table rows on screen: rows are grouped in fixed chunks of 50 (by position), so scrolling asks
 * for each chunk once and the list query itself stays as narrow as it was.
 */
export function useVerdicts(ids: number[], visible: number[]): Map<number, RowVerdict> {
  const chunks = useMemo(() => [...new Set(visible.map((i) => Math.floor(i / CHUNK)))].map((c) => ids.slice(c * CHUNK, (c + 1) * CHUNK)).filter((c) => c.length),
    [ids, visible]);
  const results = useQueries({
    queries: chunks.map((chunk) => ({
      queryKey: keys.verdicts(chunk),
      queryFn: () => api<Record<string, RowVerdict>>(`/api/verify/verdicts?ids=${chunk.join(",")}`),
      staleTime: 30_000,
    })),
  });
  const data = results.map((r) => r.data);
  return useMemo(() => {
    const m = new Map<number, RowVerdict>();
    for (const d of data) for (const [id, v] of Object.entries(d ?? {})) m.set(Number(id), v);
    return m;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(data)]);
}
