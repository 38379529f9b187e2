import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { GenerationOptions } from "@/lib/generate/options";

/** Providers available on this server, default model, price table. */
export function useGenerateOptionsQuery() {
  return useQuery({ queryKey: keys.generateOptions(), queryFn: () => api<GenerationOptions>("/api/generate/options"), staleTime: 60_000 });
}
