-- Secondary indexes a bulk import dropped and will build again (lib/corpus/search-index.ts, issue 14).
CREATE TABLE "deferred_index" (
  "name" TEXT NOT NULL,
  "table_name" TEXT NOT NULL,
  "definition" TEXT NOT NULL,
  "dropped_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "deferred_index_pkey" PRIMARY KEY ("name")
);
