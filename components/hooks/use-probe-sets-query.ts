import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { ProbeSetRow } from "@/lib/probe/sets";

export function useProbeSetsQuery() {
  return useQuery({ queryKey: keys.probeSets(), queryFn: () => api<{ sets: ProbeSetRow[] }>("/api/probe/sets") });
}
