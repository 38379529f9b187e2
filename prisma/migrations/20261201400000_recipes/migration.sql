-- Issue 11: exports honour their recipe; contamination is tracked per eval-set fingerprint.

-- A context is reused only for a request with the same recipe (bounds, short ratio, seed, tokenizer, eval-set
-- fingerprint, assembly version): recipe_key is the hash of that recipe. Contexts stored before have none and are
-- never reused by an export. token_offsets says whether the spans' token offsets are exact or estimated.
ALTER TABLE "context" ADD COLUMN "recipe_key" TEXT;
ALTER TABLE "context" ADD COLUMN "token_offsets" TEXT NOT NULL DEFAULT 'estimated';
CREATE INDEX "context_pair_id_recipe_key_id_idx" ON "context"("pair_id", "recipe_key", "id");
CREATE INDEX "context_run_id_pair_id_idx" ON "context"("run_id", "pair_id");

-- Evaluation sets added by users (the VaL Probing pieces are always active besides these). The file is kept
-- under the data dir, by content hash, so the fingerprint can be recomputed.
CREATE TABLE "eval_set" (
  "id" SERIAL PRIMARY KEY,
  "name" TEXT NOT NULL,
  "sha256" TEXT NOT NULL,
  "path" TEXT NOT NULL,
  "texts" INTEGER NOT NULL DEFAULT 0,
  "active" BOOLEAN NOT NULL DEFAULT true,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "eval_set_sha256_key" ON "eval_set"("sha256");

-- How far each corpus was checked against each set of active eval sets (its fingerprint): documents up to
-- checked_through are done; an import or a new eval set makes the next pass check the rest.
CREATE TABLE "decontamination" (
  "corpus_id" INTEGER NOT NULL,
  "fingerprint" TEXT NOT NULL,
  "checked_through" INTEGER NOT NULL DEFAULT 0,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("corpus_id", "fingerprint")
);

-- The generator's `pieces` (the pieces the answer needs) are kept: a piece it was shown but does not need is
-- a `source` segment in contexts, not evidence. Existing pairs: from the stored reply where it has pieces, else all.
ALTER TABLE "pair_evidence" ADD COLUMN "needed" BOOLEAN NOT NULL DEFAULT true;
UPDATE "pair_evidence" e SET "needed" = false
FROM "pair" p
WHERE p.id = e.pair_id AND p.type = 'multi'
  AND jsonb_typeof(p.original->'parsed'->'pieces') = 'array'
  AND NOT (p.original->'parsed'->'pieces' @> to_jsonb(e.piece));
