import { QueryClient } from "@tanstack/react-query";

/** The app's React Query defaults: data is fresh for a few seconds, failed reads retry once. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: false },
      mutations: { retry: 0 },
    },
  });
}
