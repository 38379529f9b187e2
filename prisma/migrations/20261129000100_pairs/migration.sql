-- Generation items, pairs, evidence, history.
CREATE TYPE "PairType" AS ENUM ('single', 'multi');
CREATE TYPE "PairStatus" AS ENUM ('pending', 'accepted', 'rejected', 'flagged');
CREATE TYPE "ItemStatus" AS ENUM ('pending', 'running', 'succeeded', 'failed');

CREATE TABLE "generation_item" (
  "id" SERIAL PRIMARY KEY,
  "job_id" INTEGER NOT NULL,
  "key" TEXT NOT NULL,
  "type" "PairType" NOT NULL,
  "segment_ids" INTEGER[],
  "status" "ItemStatus" NOT NULL DEFAULT 'pending',
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "error" TEXT,
  "raw_response" TEXT,
  "prompt_tokens" INTEGER NOT NULL DEFAULT 0,
  "completion_tokens" INTEGER NOT NULL DEFAULT 0,
  "cost_usd" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "lease_until" TIMESTAMPTZ(3),
  "batch_id" TEXT,
  "pair_id" INTEGER,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "generation_item_key_key" ON "generation_item"("key");
CREATE UNIQUE INDEX "generation_item_pair_id_key" ON "generation_item"("pair_id");
CREATE INDEX "generation_item_job_id_status_id_idx" ON "generation_item"("job_id", "status", "id");

CREATE TABLE "pair" (
  "id" SERIAL PRIMARY KEY,
  "type" "PairType" NOT NULL,
  "corpus_id" INTEGER NOT NULL,
  "document_id" INTEGER NOT NULL,
  "question" TEXT NOT NULL,
  "answer" TEXT NOT NULL,
  "support" JSONB NOT NULL DEFAULT '[]',
  "status" "PairStatus" NOT NULL DEFAULT 'pending',
  "version" INTEGER NOT NULL DEFAULT 1,
  "edited" BOOLEAN NOT NULL DEFAULT false,
  "original" JSONB NOT NULL,
  "provider" TEXT NOT NULL,
  "model" TEXT NOT NULL,
  "prompt_version" TEXT NOT NULL,
  "quality_flags" JSONB NOT NULL DEFAULT '[]',
  "quality_score" DOUBLE PRECISION NOT NULL DEFAULT 1,
  "reviewer_id" INTEGER,
  "reviewed_at" TIMESTAMPTZ(3),
  "job_id" INTEGER,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "pair_status_quality_score_id_idx" ON "pair"("status", "quality_score", "id");
CREATE INDEX "pair_type_status_id_idx" ON "pair"("type", "status", "id");
CREATE INDEX "pair_corpus_id_id_idx" ON "pair"("corpus_id", "id");

CREATE TABLE "pair_evidence" (
  "pair_id" INTEGER NOT NULL REFERENCES "pair"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "piece" INTEGER NOT NULL,
  "segment_id" INTEGER NOT NULL,
  "document_id" INTEGER NOT NULL,
  CONSTRAINT "pair_evidence_pkey" PRIMARY KEY ("pair_id", "piece")
);
CREATE INDEX "pair_evidence_segment_id_idx" ON "pair_evidence"("segment_id");

CREATE TABLE "pair_event" (
  "id" SERIAL PRIMARY KEY,
  "pair_id" INTEGER NOT NULL REFERENCES "pair"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "actor_id" INTEGER,
  "kind" TEXT NOT NULL,
  "before" JSONB,
  "after" JSONB,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "pair_event_pair_id_id_idx" ON "pair_event"("pair_id", "id");
CREATE INDEX "pair_event_actor_id_created_at_idx" ON "pair_event"("actor_id", "created_at");
