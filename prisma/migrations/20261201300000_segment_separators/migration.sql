-- Issue 11.9: over-long paragraphs are cut at sentence boundaries on import, so a segment records the separator that
-- stood before it. Existing segments were cut at "\n" only: the first of a document follows nothing.
ALTER TABLE "segment" ADD COLUMN "sep_before" TEXT NOT NULL DEFAULT E'\n';
UPDATE "segment" SET "sep_before" = '' WHERE "index" = 0;

-- The bound is a property of the corpus. Corpora imported before it existed were never cut: NULL says so, and
-- later imports into them keep that rule so one corpus never mixes two segmentations.
ALTER TABLE "corpus" ADD COLUMN "max_paragraph_tokens" INTEGER;
ALTER TABLE "corpus" ALTER COLUMN "max_paragraph_tokens" SET DEFAULT 256;
