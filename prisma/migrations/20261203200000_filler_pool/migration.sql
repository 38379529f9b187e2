-- Assembly at scale (issue 14.2).
--
-- Documents an eval set contaminated are few: a partial index finds them per corpus at once. Filler texts are then
-- fetched without joining every fetched segment to its document (the join hashed the whole document table, texts
-- and all: ~1 s per batch of 22,000 fillers on a 1M-segment corpus), and decontamination counts a corpus's
-- contaminated documents without visiting the others.
CREATE INDEX IF NOT EXISTS "document_contaminated_idx" ON "document"("corpus_id", "id") WHERE "contaminated";

-- A corpus's eligible filler list (segment ids in content order, their document ids and token counts: 12 bytes a
-- segment, little-endian int32 arrays) as of `version`, a fingerprint of the corpus's segments and contaminated
-- documents (lib/contexts/filler-pool.ts). Building it sorts every segment of the corpus by document sha256
-- (2.6 s on 1M segments); a run whose corpus has not changed since reads it back instead. One row per corpus and
-- split (split_key '' = the whole corpus), replaced when the version changes. A cache: deleting rows is always safe.
CREATE TABLE "filler_pool" (
  "corpus_id" INTEGER NOT NULL,
  "split_key" TEXT NOT NULL,
  "version" TEXT NOT NULL,
  "segments" INTEGER NOT NULL,
  "ids" BYTEA NOT NULL,
  "document_ids" BYTEA NOT NULL,
  "token_counts" BYTEA NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "filler_pool_pkey" PRIMARY KEY ("corpus_id", "split_key")
);
-- int arrays barely compress: stored out of line without pglz, so writing and reading them costs no compression
ALTER TABLE "filler_pool" ALTER COLUMN "ids" SET STORAGE EXTERNAL;
ALTER TABLE "filler_pool" ALTER COLUMN "document_ids" SET STORAGE EXTERNAL;
ALTER TABLE "filler_pool" ALTER COLUMN "token_counts" SET STORAGE EXTERNAL;
