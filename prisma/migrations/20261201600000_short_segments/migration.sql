-- Segments under 128 tokens are whole documents that were shorter than the IN2 floor (the recipe keeps them
-- whole). A partial index keeps counting them per corpus cheap on millions of segments.
CREATE INDEX IF NOT EXISTS segment_short_corpus_idx ON segment (corpus_id) WHERE token_count < 128;
