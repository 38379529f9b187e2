-- Review workspace: indexes only (no new columns), so prisma/schema needs no change.

-- Filter by quality flag: quality_flags @> '[{"code": "meta_phrase"}]'.
CREATE INDEX "pair_quality_flags_idx" ON "pair" USING GIN ("quality_flags" jsonb_path_ops);

-- Full-text search over question and answer in the pairs table.
CREATE INDEX "pair_qa_fts_idx" ON "pair" USING GIN (to_tsvector('english', "question" || ' ' || "answer"));

-- Near-duplicate candidates: questions sharing a word with the edited/new question ('simple' keeps every word).
CREATE INDEX "pair_question_words_idx" ON "pair" USING GIN (to_tsvector('simple', "question"));

-- Table filters and sorts that would otherwise scan every pair.
CREATE INDEX "pair_model_id_idx" ON "pair" ("model", "id");
CREATE INDEX "pair_prompt_version_id_idx" ON "pair" ("prompt_version", "id");
CREATE INDEX "pair_reviewer_id_id_idx" ON "pair" ("reviewer_id", "id");
CREATE INDEX "pair_quality_score_id_idx" ON "pair" ("quality_score", "id");
CREATE INDEX "pair_updated_at_id_idx" ON "pair" ("updated_at", "id");

-- Reviewer throughput over recent days.
CREATE INDEX "pair_event_created_at_idx" ON "pair_event" ("created_at");

-- A narrow copy of the filterable columns (~60 bytes a row): counts and the progress overview over any mix of
-- them become index-only scans instead of reading the wide pair rows (~1 KB each: text, support, original).
CREATE INDEX "pair_facets_idx" ON "pair" ("status", "type", "model", "prompt_version", "reviewer_id", "edited", "quality_score", "id");
-- Edited pairs are few: list and count them without scanning the rest.
CREATE INDEX "pair_edited_id_idx" ON "pair" ("id") WHERE "edited";
