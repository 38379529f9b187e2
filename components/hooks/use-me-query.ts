import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import type { SessionUser } from "@/lib/auth/roles";

export function useMeQuery() {
  return useQuery({ queryKey: ["me"], queryFn: () => api<{ user: SessionUser | null; setupNeeded: boolean }>("/api/auth/me"), staleTime: 60_000 });
}
