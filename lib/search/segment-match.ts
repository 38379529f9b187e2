/**
 * The full-text match of a segment, written so both halves of the index can serve it (issue 14): ready segments
 * through the partial GIN index `segment_text_fts_idx` (WHERE search_ready), segments an import wrote and the
 * follow-up job has not indexed yet through `segment_search_pending_idx` (WHERE NOT search_ready) and a recheck.
 * Both arms test the same predicate, so the result is exactly `to_tsvector('english', text) @@ tsquery` whatever
 * the follow-up's progress (lib/corpus/search-index.ts); only the plan changes.
 */
export function segmentMatchSql(alias: string, tsquery: string): string {
  const m = `to_tsvector('english', ${alias}.text) @@ ${tsquery}`;
  return `((${alias}.search_ready AND ${m}) OR (NOT ${alias}.search_ready AND ${m}))`;
}
