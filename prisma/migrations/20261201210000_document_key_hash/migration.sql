-- A document's content hash, hashtextextended(sha256, 0): the same in every database, computed by PostgreSQL
-- (a generated column, so every writer — INSERT or COPY — gets it for free), indexed with the corpus so the
-- seeded multi-segment selection walks an index from a seed-derived start instead of hashing and sorting every
-- document per page (issue 14). lib/corpus/seeded-walk.ts explains the walk.
ALTER TABLE "document" ADD COLUMN "key_hash" BIGINT GENERATED ALWAYS AS (hashtextextended("sha256", 0)) STORED;
CREATE INDEX "document_corpus_id_key_hash_idx" ON "document"("corpus_id", "key_hash");
-- Segments written by anything but the importer before it stored key_hash: the walk skips NULLs, so fill them.
UPDATE "segment" s SET "key_hash" = hashtextextended(d."sha256" || ':' || s."index", 0)
FROM "document" d WHERE d."id" = s."document_id" AND s."key_hash" IS NULL;
