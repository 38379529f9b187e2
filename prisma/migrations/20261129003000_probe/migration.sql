-- VaL Probing: probe sets, their contexts and examples, runs and per-example results.
CREATE TYPE "ProbeStyle" AS ENUM ('document', 'code', 'database');

CREATE TABLE "probe_set" (
  "id" SERIAL PRIMARY KEY,
  "name" TEXT NOT NULL,
  "style" "ProbeStyle" NOT NULL,
  "source" TEXT NOT NULL,
  "tokenizer" TEXT NOT NULL,
  "token_budget" INTEGER NOT NULL,
  "set_count" INTEGER NOT NULL,
  "bin_size" INTEGER NOT NULL DEFAULT 50,
  "seed" TEXT NOT NULL,
  "example_count" INTEGER NOT NULL DEFAULT 0,
  "excluded_count" INTEGER NOT NULL DEFAULT 0,
  "excluded" JSONB NOT NULL DEFAULT '[]',
  "file_sha256" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "probe_set_file_sha256_key" ON "probe_set"("file_sha256");
CREATE INDEX "probe_set_created_at_idx" ON "probe_set"("created_at");

CREATE TABLE "probe_context" (
  "set_id" INTEGER NOT NULL REFERENCES "probe_set"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "set_index" INTEGER NOT NULL,
  "text" TEXT NOT NULL,
  "item_count" INTEGER NOT NULL,
  "token_count" INTEGER NOT NULL,
  CONSTRAINT "probe_context_pkey" PRIMARY KEY ("set_id", "set_index")
);

CREATE TABLE "probe_example" (
  "id" SERIAL PRIMARY KEY,
  "set_id" INTEGER NOT NULL REFERENCES "probe_set"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "set_index" INTEGER NOT NULL,
  "position" INTEGER NOT NULL,
  "item_count" INTEGER NOT NULL,
  "key" TEXT NOT NULL,
  "question" TEXT NOT NULL,
  "answer" TEXT NOT NULL,
  "meta" JSONB NOT NULL DEFAULT '{}',
  "prompt" TEXT,
  "prompt_tokens" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "probe_example_set_id_set_index_position_key" ON "probe_example"("set_id", "set_index", "position");

CREATE TABLE "probe_run" (
  "id" SERIAL PRIMARY KEY,
  "set_id" INTEGER NOT NULL REFERENCES "probe_set"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "model" TEXT NOT NULL,
  "base_url" TEXT,
  "concurrency" INTEGER NOT NULL DEFAULT 4,
  "temperature" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "max_tokens" INTEGER NOT NULL DEFAULT 128,
  "job_id" INTEGER,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "probe_run_set_id_id_idx" ON "probe_run"("set_id", "id");

CREATE TABLE "probe_result" (
  "run_id" INTEGER NOT NULL REFERENCES "probe_run"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "example_id" INTEGER NOT NULL REFERENCES "probe_example"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "reply" TEXT,
  "score" DOUBLE PRECISION,
  "error" TEXT,
  "latency_ms" INTEGER NOT NULL DEFAULT 0,
  "prompt_tokens" INTEGER,
  "completion_tokens" INTEGER,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "probe_result_pkey" PRIMARY KEY ("run_id", "example_id")
);
CREATE INDEX "probe_result_example_id_idx" ON "probe_result"("example_id");
