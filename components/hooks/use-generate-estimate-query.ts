import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { GenerateRequest } from "@/lib/generate/api-schemas";
import type { Estimate } from "@/lib/generate/estimate";

/** Tokens and dollars for the form's current values (null = the form is not valid yet). */
export function useGenerateEstimateQuery(request: GenerateRequest | null) {
  return useQuery({
    queryKey: keys.generateEstimate(request ?? {}),
    queryFn: () => api<Estimate>("/api/generate/estimate", { method: "POST", json: request }),
    enabled: request !== null,
    placeholderData: keepPreviousData,
    retry: 0,
  });
}
