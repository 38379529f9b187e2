import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import type { AssemblyRequestInput } from "@/lib/contexts/schemas";

export function useStartAssembly() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AssemblyRequestInput) => api<{ jobId: number; pairs: number }>("/api/assembly", { method: "POST", json: body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["assembly"] });
      void qc.invalidateQueries({ queryKey: ["jobs"] });
    },
  });
}
