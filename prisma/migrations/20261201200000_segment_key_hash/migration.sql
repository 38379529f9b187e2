-- A segment's content hash: hashtextextended("<document sha256>:<index>", 0), the same for the same text in any
-- database. Stored and indexed with the corpus so a seeded sample can later walk an index (issue 14) instead of
-- hashing and sorting every segment per page; written by the importer, backfilled here.
ALTER TABLE "segment" ADD COLUMN "key_hash" BIGINT;
UPDATE "segment" s SET "key_hash" = hashtextextended(d."sha256" || ':' || s."index", 0) FROM "document" d WHERE d."id" = s."document_id";
CREATE INDEX "segment_corpus_id_key_hash_idx" ON "segment"("corpus_id", "key_hash");
