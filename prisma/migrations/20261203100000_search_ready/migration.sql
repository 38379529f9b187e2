-- Issue 14: the segment full-text index off the import's write path. An import writes its segments with
-- search_ready = false, which the (now partial) GIN index does not cover, so writing costs no GIN maintenance;
-- a follow-up job (lib/corpus/search-index.ts, job kind "search-index") sets search_ready in batches, which
-- indexes them. Search matches `to_tsvector('english', text) @@ q` on ready rows through the GIN index and on
-- the not-yet-ready ones through segment_search_pending_idx: the same predicate either way, so results are
-- the same before, during and after the follow-up. Rows written by anything else (default true) are indexed
-- on insert, as before. Existing rows are ready (the default is set before it changes to false for nobody).
ALTER TABLE "segment" ADD COLUMN "search_ready" BOOLEAN NOT NULL DEFAULT true;
DELETE FROM "deferred_index" WHERE "name" = 'segment_text_fts_idx';
DROP INDEX IF EXISTS "segment_text_fts_idx";
CREATE INDEX "segment_text_fts_idx" ON "segment" USING GIN (to_tsvector('english', "text")) WHERE "search_ready";
CREATE INDEX "segment_search_pending_idx" ON "segment" ("id") WHERE NOT "search_ready";
