-- Foundation: users, corpora, documents, segments, jobs.
CREATE TYPE "Role" AS ENUM ('admin', 'curator', 'reviewer', 'viewer');
CREATE TYPE "JobStatus" AS ENUM ('queued', 'running', 'cancelling', 'cancelled', 'succeeded', 'failed');

CREATE TABLE "app_user" (
  "id" SERIAL PRIMARY KEY,
  "email" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "role" "Role" NOT NULL DEFAULT 'viewer',
  "password_hash" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

CREATE TABLE "corpus" (
  "id" SERIAL PRIMARY KEY,
  "name" TEXT NOT NULL,
  "tokenizer" TEXT NOT NULL,
  "text_field" TEXT NOT NULL DEFAULT 'text',
  "document_count" INTEGER NOT NULL DEFAULT 0,
  "segment_count" INTEGER NOT NULL DEFAULT 0,
  "token_count" BIGINT NOT NULL DEFAULT 0,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "corpus_name_key" ON "corpus"("name");

CREATE TABLE "document" (
  "id" SERIAL PRIMARY KEY,
  "corpus_id" INTEGER NOT NULL REFERENCES "corpus"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "sha256" TEXT NOT NULL,
  "text" TEXT NOT NULL,
  "meta" JSONB NOT NULL DEFAULT '{}',
  "char_count" INTEGER NOT NULL,
  "token_count" INTEGER NOT NULL,
  "segment_count" INTEGER NOT NULL,
  "source_file" TEXT,
  "source_line" INTEGER,
  "contaminated" BOOLEAN NOT NULL DEFAULT false,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "document_corpus_id_sha256_key" ON "document"("corpus_id", "sha256");
CREATE INDEX "document_corpus_id_id_idx" ON "document"("corpus_id", "id");

CREATE TABLE "segment" (
  "id" SERIAL PRIMARY KEY,
  "document_id" INTEGER NOT NULL REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "corpus_id" INTEGER NOT NULL,
  "index" INTEGER NOT NULL,
  "text" TEXT NOT NULL,
  "token_count" INTEGER NOT NULL,
  "char_start" INTEGER NOT NULL,
  "char_end" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "segment_document_id_index_key" ON "segment"("document_id", "index");
CREATE INDEX "segment_corpus_id_id_idx" ON "segment"("corpus_id", "id");
CREATE INDEX "segment_token_count_id_idx" ON "segment"("token_count", "id");

CREATE TABLE "job" (
  "id" SERIAL PRIMARY KEY,
  "kind" TEXT NOT NULL,
  "status" "JobStatus" NOT NULL DEFAULT 'queued',
  "params" JSONB NOT NULL DEFAULT '{}',
  "total" INTEGER NOT NULL DEFAULT 0,
  "done" INTEGER NOT NULL DEFAULT 0,
  "failed" INTEGER NOT NULL DEFAULT 0,
  "counters" JSONB NOT NULL DEFAULT '{}',
  "result" JSONB,
  "error" TEXT,
  "message" TEXT,
  "created_by_id" INTEGER,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "started_at" TIMESTAMPTZ(3),
  "finished_at" TIMESTAMPTZ(3),
  "heartbeat_at" TIMESTAMPTZ(3),
  "locked_by" TEXT
);
CREATE INDEX "job_status_id_idx" ON "job"("status", "id");

-- Full-text search over segments (an expression index: Prisma's schema cannot express it). Documents are
-- searched through their segments, so the text is indexed once, not twice.
CREATE INDEX "segment_text_fts_idx" ON "segment" USING GIN (to_tsvector('english', "text"));

-- Until accounts exist every change is made by this local user.
INSERT INTO "app_user" ("email", "name", "role") VALUES ('local@in2.studio', 'Local user', 'admin');
