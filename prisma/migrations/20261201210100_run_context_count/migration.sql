-- A maintained context count per assembly run: the runs list read count(*) over the whole context table on every
-- call (issue 14). Statement-level triggers with transition tables add one grouped UPDATE per INSERT/COPY/DELETE
-- statement (a batch of contexts), not per row; ON CONFLICT DO NOTHING rows are not in new_rows, so re-assembled
-- batches of a resumed job count nothing twice.
ALTER TABLE "assembly_run" ADD COLUMN "context_count" INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION "context_count_ins"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "assembly_run" r SET "context_count" = r."context_count" + n.n
  FROM (SELECT run_id, count(*)::int AS n FROM new_rows GROUP BY run_id) n WHERE r."id" = n.run_id;
  RETURN NULL;
END $$;

CREATE FUNCTION "context_count_del"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "assembly_run" r SET "context_count" = r."context_count" - n.n
  FROM (SELECT run_id, count(*)::int AS n FROM old_rows GROUP BY run_id) n WHERE r."id" = n.run_id;
  RETURN NULL;
END $$;

CREATE TRIGGER "context_count_ins" AFTER INSERT ON "context" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "context_count_ins"();
CREATE TRIGGER "context_count_del" AFTER DELETE ON "context" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "context_count_del"();

-- TRUNCATE fires no row triggers: zero the counters with it.
CREATE FUNCTION "context_count_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "assembly_run" SET "context_count" = 0 WHERE "context_count" <> 0;
  RETURN NULL;
END $$;
CREATE TRIGGER "context_count_truncate" AFTER TRUNCATE ON "context" FOR EACH STATEMENT EXECUTE FUNCTION "context_count_truncate"();

UPDATE "assembly_run" r SET "context_count" = n.n FROM (SELECT run_id, count(*)::int AS n FROM "context" GROUP BY run_id) n WHERE r."id" = n.run_id;
