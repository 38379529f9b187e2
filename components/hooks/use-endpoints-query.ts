"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import type { EndpointRow } from "@/lib/endpoints/store";

/** Model endpoints (curators and up): name, base URL, models, the key's last 4 characters at most. */
export function useEndpointsQuery(enabled = true) {
  return useQuery({ queryKey: ["endpoints"], queryFn: () => api<{ endpoints: EndpointRow[] }>("/api/endpoints"), enabled });
}
