import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { BuildProbeBody } from "@/lib/probe/schemas";
import type { ProbeSetRow } from "@/lib/probe/sets";

export function useBuildProbeSet() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BuildProbeBody) => api<{ set: ProbeSetRow }>("/api/probe/sets", { method: "POST", json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.probeSets() }),
  });
}
