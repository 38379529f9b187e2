-- Assembly runs and their contexts (recipes: segment ids, roles, offsets; the text is rebuilt on demand).
CREATE TABLE "assembly_run" (
  "id" SERIAL PRIMARY KEY,
  "job_id" INTEGER,
  "params" JSONB NOT NULL,
  "seed" TEXT NOT NULL,
  "stats" JSONB NOT NULL DEFAULT '{}',
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "context" (
  "id" SERIAL PRIMARY KEY,
  "run_id" INTEGER NOT NULL REFERENCES "assembly_run"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "pair_id" INTEGER NOT NULL,
  "kind" TEXT NOT NULL,
  "seed" TEXT NOT NULL,
  "target_tokens" INTEGER NOT NULL,
  "total_tokens" INTEGER NOT NULL,
  "tokenizer" TEXT NOT NULL,
  "spans" JSONB NOT NULL,
  "evidence_depths" DOUBLE PRECISION[],
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "context_run_id_pair_id_key" ON "context"("run_id", "pair_id");
CREATE INDEX "context_pair_id_id_idx" ON "context"("pair_id", "id");
