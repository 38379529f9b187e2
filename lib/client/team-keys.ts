/** Query keys of team curation (audits, agreement, prompt lab, guidelines); same prefix rules as query-keys.ts. */
export const teamKeys = {
  audits: () => ["audits", "list"] as const,
  audit: (id: number) => ["audits", id] as const,
  agreement: () => ["agreement"] as const,
  prompts: () => ["prompts", "list"] as const,
  promptComparison: () => ["prompts", "comparison"] as const,
  guidelines: () => ["guidelines"] as const,
  comments: (pairId: number) => ["pairs", "one", pairId, "comments"] as const,
  savedViews: () => ["saved-views"] as const,
};
