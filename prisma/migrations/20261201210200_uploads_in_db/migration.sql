-- Workers anywhere (issue 14): an uploaded file lives in PostgreSQL, not on the web server's disk, so any worker
-- with only DATABASE_URL can import it. The body is streamed into 1 MiB rows (upload_chunk) as it arrives and the
-- rows are removed once the import has read them. Chunks are stored uncompressed (STORAGE EXTERNAL): uploads are
-- often gzip already, and pglz on every MiB would cost CPU for nothing.
CREATE TABLE "upload" (
  "id" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "bytes" BIGINT NOT NULL DEFAULT 0,
  "sha256" TEXT,
  "complete" BOOLEAN NOT NULL DEFAULT false,
  "created_by_id" INTEGER,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "upload_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "upload_created_at_idx" ON "upload"("created_at");

CREATE TABLE "upload_chunk" (
  "upload_id" TEXT NOT NULL,
  "seq" INTEGER NOT NULL,
  "data" BYTEA NOT NULL,
  CONSTRAINT "upload_chunk_pkey" PRIMARY KEY ("upload_id", "seq"),
  CONSTRAINT "upload_chunk_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "upload"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
ALTER TABLE "upload_chunk" ALTER COLUMN "data" SET STORAGE EXTERNAL;

-- The export store a job writes to (lib/export/store.ts): null = any worker may run it; otherwise only workers
-- that have that store (same IN2_EXPORT_DIR on shared storage, or the same data dir) receive it.
ALTER TABLE "job" ADD COLUMN "store" TEXT;
