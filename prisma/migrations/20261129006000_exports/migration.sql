-- Finished dataset exports: file path, size, checksum and manifest (the rows themselves live in the file).
CREATE TYPE "ExportFormat" AS ENUM ('film', 'chat', 'raw');

CREATE TABLE "export" (
  "id" SERIAL PRIMARY KEY,
  "job_id" INTEGER,
  "format" "ExportFormat" NOT NULL,
  "params" JSONB NOT NULL,
  "path" TEXT NOT NULL,
  "manifest_path" TEXT NOT NULL,
  "bytes" BIGINT NOT NULL,
  "sha256" TEXT NOT NULL,
  "manifest" JSONB NOT NULL,
  "rows" INTEGER NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "export_job_id_key" ON "export"("job_id");
CREATE INDEX "export_created_at_idx" ON "export"("created_at");
