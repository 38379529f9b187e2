import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { ProbeRunRow } from "@/lib/probe/runs";
import type { StartProbeRunBody } from "@/lib/probe/schemas";

export function useStartProbeRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StartProbeRunBody) => api<{ run: ProbeRunRow }>("/api/probe/runs", { method: "POST", json: body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.probeRuns() });
      void qc.invalidateQueries({ queryKey: keys.probeSets() });
      void qc.invalidateQueries({ queryKey: ["jobs"] });
    },
  });
}
