-- Model-based verification: work items (exactly-once keys), the checks they ran, and a verdict summary on the pair.
CREATE TYPE "CheckKind" AS ENUM ('closed_book', 'evidence_only', 'ablation');

CREATE TABLE "verification_item" (
  "id" SERIAL PRIMARY KEY,
  "job_id" INTEGER NOT NULL,
  "key" TEXT NOT NULL,
  "pair_id" INTEGER NOT NULL REFERENCES "pair"("id") ON DELETE CASCADE,
  "status" "ItemStatus" NOT NULL DEFAULT 'pending',
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "error" TEXT,
  "raw_response" TEXT,
  "prompt_tokens" INTEGER NOT NULL DEFAULT 0,
  "completion_tokens" INTEGER NOT NULL DEFAULT 0,
  "cost_usd" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "batch_id" TEXT,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "verification_item_key_key" ON "verification_item"("key");
CREATE INDEX "verification_item_job_id_status_id_idx" ON "verification_item"("job_id", "status", "id");
CREATE INDEX "verification_item_pair_id_idx" ON "verification_item"("pair_id");

CREATE TABLE "pair_check" (
  "id" SERIAL PRIMARY KEY,
  "pair_id" INTEGER NOT NULL REFERENCES "pair"("id") ON DELETE CASCADE,
  "item_id" INTEGER NOT NULL REFERENCES "verification_item"("id") ON DELETE CASCADE,
  "kind" "CheckKind" NOT NULL,
  "piece_removed" INTEGER,
  "pieces" INTEGER[] NOT NULL,
  "passed" BOOLEAN NOT NULL,
  "matched" BOOLEAN NOT NULL,
  "model_answer" TEXT,
  "raw_output" TEXT NOT NULL,
  "match_method" TEXT NOT NULL,
  "match_score" DOUBLE PRECISION NOT NULL,
  "reason" TEXT NOT NULL,
  "provider" TEXT NOT NULL,
  "model" TEXT NOT NULL,
  "prompt_version" TEXT NOT NULL,
  "pair_version" INTEGER NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "pair_check_pair_id_id_idx" ON "pair_check"("pair_id", "id");
CREATE INDEX "pair_check_item_id_idx" ON "pair_check"("item_id");

-- The pair's latest verdict: {passed, flags: [{code, piece?, reason}], provider, model, promptVersion, pairVersion,
-- checks, verifiedAt}. NULL = never verified. Filters and counts use the partial indexes below, like quality flags.
ALTER TABLE "pair" ADD COLUMN "verification" JSONB;
CREATE INDEX "pair_verified_id_idx" ON "pair" ("id") WHERE "verification" IS NOT NULL;
CREATE INDEX "pair_verified_failed_id_idx" ON "pair" ("id") WHERE "verification" @> '{"passed": false}';
CREATE INDEX "pair_verified_passed_id_idx" ON "pair" ("id") WHERE "verification" @> '{"passed": true}';
CREATE INDEX "pair_verdict_answerable_without_context_idx" ON "pair" ("id") WHERE "verification" @> '{"flags": [{"code": "answerable_without_context"}]}';
CREATE INDEX "pair_verdict_not_answerable_from_evidence_idx" ON "pair" ("id") WHERE "verification" @> '{"flags": [{"code": "not_answerable_from_evidence"}]}';
CREATE INDEX "pair_verdict_piece_not_needed_idx" ON "pair" ("id") WHERE "verification" @> '{"flags": [{"code": "piece_not_needed"}]}';
CREATE INDEX "pair_verdict_not_multi_hop_idx" ON "pair" ("id") WHERE "verification" @> '{"flags": [{"code": "not_multi_hop"}]}';
