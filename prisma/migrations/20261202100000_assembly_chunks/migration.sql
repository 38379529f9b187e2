-- An assembly run's selection split into claimable chunks of pair ids, (after_id, through_id], so several
-- workers share one run without overlap (FOR UPDATE SKIP LOCKED); a chunk whose worker stopped heart-beating is
-- claimed again. Exactly-once per pair still rests on context's unique (run_id, pair_id).
CREATE TABLE "assembly_chunk" (
  "run_id" INTEGER NOT NULL REFERENCES "assembly_run"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "idx" INTEGER NOT NULL,
  "after_id" INTEGER NOT NULL,
  "through_id" INTEGER NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'queued',
  "claimed_by" TEXT,
  "heartbeat_at" TIMESTAMPTZ(3),
  "stats" JSONB NOT NULL DEFAULT '{}',
  CONSTRAINT "assembly_chunk_pkey" PRIMARY KEY ("run_id", "idx")
);
CREATE INDEX "assembly_chunk_run_id_status_idx" ON "assembly_chunk"("run_id", "status");
