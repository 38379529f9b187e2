-- Maintained review counters: the progress overview reads a few hundred counter rows instead of grouping every
-- pair (159 ms at 200K pairs, linear in pairs). Statement-level triggers with transition tables keep one
-- set-based UPDATE per statement, so a bulk action over 100K pairs costs one grouped upsert, not 100K.
-- Rows are spread over 16 shards by pair id so that concurrent reviewers deciding pairs of the same
-- (status, type, model, prompt version) do not queue on one counter row.
CREATE TABLE "pair_count" (
  "shard" INTEGER NOT NULL,
  "status" "PairStatus" NOT NULL,
  "type" "PairType" NOT NULL,
  "model" TEXT NOT NULL,
  "prompt_version" TEXT NOT NULL,
  "n" BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT "pair_count_pkey" PRIMARY KEY ("shard", "status", "type", "model", "prompt_version")
);

CREATE FUNCTION "pair_count_ins"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "pair_count" AS c ("shard", "status", "type", "model", "prompt_version", "n")
  SELECT (id % 16), status, type, model, prompt_version, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT ("shard", "status", "type", "model", "prompt_version") DO UPDATE SET "n" = c."n" + EXCLUDED."n";
  RETURN NULL;
END $$;

CREATE FUNCTION "pair_count_del"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "pair_count" c SET "n" = c."n" - d.n
  FROM (SELECT (id % 16) AS shard, status, type, model, prompt_version, count(*) AS n FROM old_rows GROUP BY 1, 2, 3, 4, 5) d
  WHERE c."shard" = d.shard AND c."status" = d.status AND c."type" = d.type AND c."model" = d.model AND c."prompt_version" = d.prompt_version;
  RETURN NULL;
END $$;

-- An UPDATE is the difference of its old and new rows; statements that change none of the counted columns
-- (edits, flags, versions) net to zero and write nothing.
CREATE FUNCTION "pair_count_upd"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT shard, status, type, model, prompt_version, sum(n) AS n FROM (
      SELECT (id % 16) AS shard, status, type, model, prompt_version, 1 AS n FROM new_rows
      UNION ALL
      SELECT (id % 16), status, type, model, prompt_version, -1 FROM old_rows
    ) x GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0)
  INSERT INTO "pair_count" AS c ("shard", "status", "type", "model", "prompt_version", "n")
  SELECT shard, status, type, model, prompt_version, n FROM d
  ON CONFLICT ("shard", "status", "type", "model", "prompt_version") DO UPDATE SET "n" = c."n" + EXCLUDED."n";
  RETURN NULL;
END $$;

CREATE TRIGGER "pair_count_ins" AFTER INSERT ON "pair" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "pair_count_ins"();
CREATE TRIGGER "pair_count_del" AFTER DELETE ON "pair" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "pair_count_del"();
CREATE TRIGGER "pair_count_upd" AFTER UPDATE ON "pair" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "pair_count_upd"();

-- TRUNCATE fires no row triggers: empty the counters with it.
CREATE FUNCTION "pair_count_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "pair_count";
  RETURN NULL;
END $$;
CREATE TRIGGER "pair_count_truncate" AFTER TRUNCATE ON "pair" FOR EACH STATEMENT EXECUTE FUNCTION "pair_count_truncate"();

INSERT INTO "pair_count" ("shard", "status", "type", "model", "prompt_version", "n")
SELECT (id % 16), status, type, model, prompt_version, count(*) FROM "pair" GROUP BY 1, 2, 3, 4, 5;

-- Pairs of one generation job (job pages, resume, verification by job).
CREATE INDEX "pair_job_id_id_idx" ON "pair" ("job_id", "id");
