import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { RunRow } from "@/lib/contexts/list";

export function useAssemblyRunsQuery() {
  return useQuery({ queryKey: keys.assemblyRuns(), queryFn: () => api<{ runs: RunRow[] }>("/api/assembly/runs") });
}
