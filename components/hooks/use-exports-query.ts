import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import type { ExportRow } from "@/lib/export/exports";

/** Export query keys (the same prefix scheme as lib/client/query-keys.ts). */
export const exportKeys = {
  all: () => ["exports"] as const,
  list: () => ["exports", "list"] as const,
};

/** Past exports, newest first; the page invalidates it when an export job succeeds. */
export function useExportsQuery() {
  return useQuery({ queryKey: exportKeys.list(), queryFn: () => api<{ exports: ExportRow[] }>("/api/exports") });
}
