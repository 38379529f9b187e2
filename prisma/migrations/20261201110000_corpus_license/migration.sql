-- The licence of a corpus's source text (SPDX id or Hub licence tag, e.g. odc-by for C4): the dataset card of a
-- Hub export states it. Existing corpora are "unknown" until someone sets it (in2 corpus license, or the import).
ALTER TABLE "corpus" ADD COLUMN "license" TEXT NOT NULL DEFAULT 'unknown';
