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
