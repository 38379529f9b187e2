import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { VerifyOptions } from "@/lib/verify/options";

export function useVerifyOptions() {
  return useQuery({ queryKey: keys.verifyOptions(), queryFn: () => api<VerifyOptions>("/api/verify/options"), staleTime: 60_000 });
}
