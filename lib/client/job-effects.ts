import type { QueryClient, QueryKey } from "@tanstack/react-query";

/**
 * What each job kind changes, as query-key prefixes (see query-keys.ts). When a job stops, exactly these caches
 * are refetched, on whichever page is open: one table, so a new job kind adds one line here and no page code.
 */
const AFFECTS: Record<string, QueryKey[]> = {
  import: [["corpora"], ["stats"], ["documents"], ["segments"]],
  "search-index": [["documents"], ["segments"]],
  generate: [["pairs"], ["stats"], ["generate", "estimate"]],
  verify: [["pairs"], ["verify"]],
  assemble: [["assembly"], ["contexts"]],
  export: [["exports"]],
  "probe-run": [["probe"]],
};

export const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);

/** Refetches what a stopped job of this kind changed, and every job list (the header, the Jobs page). */
export function invalidateAfterJob(qc: QueryClient, kind: string): void {
  for (const key of [...(AFFECTS[kind] ?? [["stats"]]), ["jobs"]]) void qc.invalidateQueries({ queryKey: key });
}
