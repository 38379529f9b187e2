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

-- One small partial index per quality code (lib/quality/catalog.ts): filtering and counting by a flag reads only
-- the flagged ids, where the GIN index above must recheck every match on the wide heap rows. The filter passes the
-- code as a jsonb literal parameter, which the planner matches against these predicates.
CREATE INDEX "pair_flag_empty_support_idx" ON "pair" ("id") WHERE "quality_flags" @> '[{"code": "empty_support"}]';
CREATE INDEX "pair_flag_support_not_found_idx" ON "pair" ("id") WHERE "quality_flags" @> '[{"code": "support_not_found"}]';
CREATE INDEX "pair_flag_answer_unsupported_idx" ON "pair" ("id") WHERE "quality_flags" @> '[{"code": "answer_unsupported"}]';
CREATE INDEX "pair_flag_meta_phrase_idx" ON "pair" ("id") WHERE "quality_flags" @> '[{"code": "meta_phrase"}]';
CREATE INDEX "pair_flag_answer_in_question_idx" ON "pair" ("id") WHERE "quality_flags" @> '[{"code": "answer_in_question"}]';
CREATE INDEX "pair_flag_question_too_short_idx" ON "pair" ("id") WHERE "quality_flags" @> '[{"code": "question_too_short"}]';
CREATE INDEX "pair_flag_question_too_long_idx" ON "pair" ("id") WHERE "quality_flags" @> '[{"code": "question_too_long"}]';
CREATE INDEX "pair_flag_answer_too_short_idx" ON "pair" ("id") WHERE "quality_flags" @> '[{"code": "answer_too_short"}]';
CREATE INDEX "pair_flag_answer_too_long_idx" ON "pair" ("id") WHERE "quality_flags" @> '[{"code": "answer_too_long"}]';
CREATE INDEX "pair_flag_multi_single_piece_idx" ON "pair" ("id") WHERE "quality_flags" @> '[{"code": "multi_single_piece"}]';
CREATE INDEX "pair_flag_near_duplicate_idx" ON "pair" ("id") WHERE "quality_flags" @> '[{"code": "near_duplicate"}]';
CREATE INDEX "pair_flagged_id_idx" ON "pair" ("id") WHERE "quality_flags" <> '[]';
