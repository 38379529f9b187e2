-- Import speed (issue 14): document texts are no longer compressed with pglz on the write path.
--
-- PostgreSQL compressed every document text over 2 kB with pglz as the import wrote it: ~30% of PostgreSQL's CPU
-- during an import (bench:import at 152 MB, quiet machine: 8.1-8.6 against 5.8 CPU-s), for a document table ~26%
-- smaller (news text compresses poorly under pglz; ~13% of the whole database before its indexes). Segments, which
-- hold the same text again, were never compressed (each is under the 2 kB threshold). Where the server has lz4
-- (most managed and packaged PostgreSQL builds) texts are compressed with it instead, at a small fraction of pglz's
-- CPU; otherwise (the embedded PostgreSQL has no lz4) they are stored as they are. Only new rows are affected:
-- texts already stored stay as they are, and every text reads the same either way.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE "document" ALTER COLUMN "text" SET COMPRESSION lz4;
  ELSE
    ALTER TABLE "document" ALTER COLUMN "text" SET STORAGE EXTERNAL;
  END IF;
END $$;
