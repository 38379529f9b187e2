/** Query-key factory: every cached read has its key here, so mutations can invalidate precisely by prefix. */
export const keys = {
  stats: () => ["stats"] as const,
  corpora: () => ["corpora"] as const,
  documents: (filter: object) => ["documents", "list", filter] as const,
  document: (id: number) => ["documents", id] as const,
  segments: (filter: object) => ["segments", "list", filter] as const,
  sample: (filter: object) => ["segments", "sample", filter] as const,
  jobs: (filter: object = {}) => ["jobs", "list", filter] as const,
  job: (id: number) => ["jobs", id] as const,
  probeSets: () => ["probe", "sets"] as const,
  probeRuns: () => ["probe", "runs"] as const,
  pairs: (filter: object) => ["pairs", "list", filter] as const,
  pairsCount: (filter: object) => ["pairs", "count", filter] as const,
  pairsOverview: () => ["pairs", "overview"] as const,
  pair: (id: number) => ["pairs", "one", id] as const,
  pairHistory: (id: number) => ["pairs", "one", id, "history"] as const,
};
