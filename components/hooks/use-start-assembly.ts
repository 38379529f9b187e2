import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import type { AssemblyBodyInput } from "@/lib/contexts/schemas";

export function useStartAssembly() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, evalFile }: { body: AssemblyBodyInput; evalFile: File | null }) => {
      // an extra eval set is uploaded first (streamed to the server's uploads), then named by its upload id
      const uploads = evalFile
        ? [(await api<{ id: string }>(`/api/uploads?name=${encodeURIComponent(evalFile.name)}`, { method: "POST", body: evalFile })).id]
        : [];
      return api<{ jobId: number; pairs: number }>("/api/assembly", { method: "POST", json: { ...body, evalUploads: uploads } });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["assembly"] });
      void qc.invalidateQueries({ queryKey: ["jobs"] });
    },
  });
}
