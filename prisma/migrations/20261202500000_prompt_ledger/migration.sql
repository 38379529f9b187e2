-- The prompt lab's comparison per prompt version × model (lib/prompts/comparison.ts) read every pair and every
-- generation item on each view (grouped scans, linear in pairs). These counters are kept by triggers instead, so the
-- table reads a few hundred rows at any size. Spread over 16 shards by row id, like pair_count, so that concurrent
-- writers of the same version and model do not queue on one counter row.

-- Per pair: quality-flagged, verified, and failed-verification counts.
CREATE TABLE "prompt_pair_stat" (
  "shard" INTEGER NOT NULL,
  "prompt_version" TEXT NOT NULL,
  "model" TEXT NOT NULL,
  "flagged" BIGINT NOT NULL DEFAULT 0,
  "verified" BIGINT NOT NULL DEFAULT 0,
  "failed" BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT "prompt_pair_stat_pkey" PRIMARY KEY ("shard", "prompt_version", "model")
);

-- Statement-level with transition tables (pair_count's triggers already have them captured for every statement on
-- pair): one grouped upsert per statement, and statements that change none of the counted columns write nothing.
CREATE FUNCTION "prompt_pair_stat_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "prompt_pair_stat" AS c ("shard", "prompt_version", "model", "flagged", "verified", "failed")
    SELECT (id % 16), prompt_version, model, count(*) FILTER (WHERE quality_flags <> '[]'::jsonb),
      count(*) FILTER (WHERE verification IS NOT NULL), count(*) FILTER (WHERE verification @> '{"passed": false}'::jsonb)
    FROM new_rows GROUP BY 1, 2, 3
    ON CONFLICT ("shard", "prompt_version", "model") DO UPDATE
      SET "flagged" = c."flagged" + EXCLUDED."flagged", "verified" = c."verified" + EXCLUDED."verified", "failed" = c."failed" + EXCLUDED."failed";
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "prompt_pair_stat" c SET "flagged" = c."flagged" - d.flagged, "verified" = c."verified" - d.verified, "failed" = c."failed" - d.failed
    FROM (SELECT (id % 16) AS shard, prompt_version, model, count(*) FILTER (WHERE quality_flags <> '[]'::jsonb) AS flagged,
            count(*) FILTER (WHERE verification IS NOT NULL) AS verified, count(*) FILTER (WHERE verification @> '{"passed": false}'::jsonb) AS failed
          FROM old_rows GROUP BY 1, 2, 3) d
    WHERE c."shard" = d.shard AND c."prompt_version" = d.prompt_version AND c."model" = d.model;
  ELSE
    WITH d AS (
      SELECT shard, prompt_version, model, sum(f) AS flagged, sum(v) AS verified, sum(x) AS failed FROM (
        SELECT (id % 16) AS shard, prompt_version, model, (quality_flags <> '[]'::jsonb)::int AS f,
          (verification IS NOT NULL)::int AS v, coalesce(verification @> '{"passed": false}'::jsonb, false)::int AS x FROM new_rows
        UNION ALL
        SELECT (id % 16), prompt_version, model, -(quality_flags <> '[]'::jsonb)::int,
          -(verification IS NOT NULL)::int, -coalesce(verification @> '{"passed": false}'::jsonb, false)::int FROM old_rows
      ) u GROUP BY 1, 2, 3 HAVING sum(f) <> 0 OR sum(v) <> 0 OR sum(x) <> 0)
    INSERT INTO "prompt_pair_stat" AS c ("shard", "prompt_version", "model", "flagged", "verified", "failed")
    SELECT shard, prompt_version, model, flagged, verified, failed FROM d
    ON CONFLICT ("shard", "prompt_version", "model") DO UPDATE
      SET "flagged" = c."flagged" + EXCLUDED."flagged", "verified" = c."verified" + EXCLUDED."verified", "failed" = c."failed" + EXCLUDED."failed";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "prompt_pair_stat_ins" AFTER INSERT ON "pair" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "prompt_pair_stat_apply"();
CREATE TRIGGER "prompt_pair_stat_del" AFTER DELETE ON "pair" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "prompt_pair_stat_apply"();
CREATE TRIGGER "prompt_pair_stat_upd" AFTER UPDATE ON "pair" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "prompt_pair_stat_apply"();

-- Per generation item, by the prompt version and model in its key ("<type>|<segment keys>|<prompt version>|<provider>:<model>",
-- lib/generate/params.ts itemKey): the cost of every item (failed ones included) and the tokens of those that made a pair.
CREATE TABLE "prompt_item_stat" (
  "shard" INTEGER NOT NULL,
  "prompt_version" TEXT NOT NULL,
  "model" TEXT NOT NULL,
  "paired" BIGINT NOT NULL DEFAULT 0,
  "paired_tokens" BIGINT NOT NULL DEFAULT 0,
  "cost_usd" DOUBLE PRECISION NOT NULL DEFAULT 0,
  CONSTRAINT "prompt_item_stat_pkey" PRIMARY KEY ("shard", "prompt_version", "model")
);

-- Row-level, and only when a counted column changes (the WHEN clauses below): an item's many bookkeeping updates
-- (status, batch, lease) fire nothing; it counts when its reply is stored or it fails with tokens spent.
CREATE FUNCTION "prompt_item_stat_add"(r "generation_item", k INTEGER) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "prompt_item_stat" AS c ("shard", "prompt_version", "model", "paired", "paired_tokens", "cost_usd")
  VALUES ((r.id % 16), split_part(r.key, '|', 3), substr(split_part(r.key, '|', 4), strpos(split_part(r.key, '|', 4), ':') + 1),
    k * (r.pair_id IS NOT NULL)::int,
    k * CASE WHEN r.pair_id IS NOT NULL THEN r.prompt_tokens::bigint + r.completion_tokens ELSE 0 END,
    k * r.cost_usd)
  ON CONFLICT ("shard", "prompt_version", "model") DO UPDATE
    SET "paired" = c."paired" + EXCLUDED."paired", "paired_tokens" = c."paired_tokens" + EXCLUDED."paired_tokens", "cost_usd" = c."cost_usd" + EXCLUDED."cost_usd"
$$;

CREATE FUNCTION "prompt_item_stat_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM "prompt_item_stat_add"(OLD, -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM "prompt_item_stat_add"(NEW, 1); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "prompt_item_stat_ins" AFTER INSERT ON "generation_item" FOR EACH ROW
  WHEN (NEW.pair_id IS NOT NULL OR NEW.cost_usd <> 0)
  EXECUTE FUNCTION "prompt_item_stat_row"();
CREATE TRIGGER "prompt_item_stat_del" AFTER DELETE ON "generation_item" FOR EACH ROW
  WHEN (OLD.pair_id IS NOT NULL OR OLD.cost_usd <> 0)
  EXECUTE FUNCTION "prompt_item_stat_row"();
CREATE TRIGGER "prompt_item_stat_upd" AFTER UPDATE ON "generation_item" FOR EACH ROW
  WHEN (OLD.pair_id IS DISTINCT FROM NEW.pair_id OR OLD.cost_usd IS DISTINCT FROM NEW.cost_usd OR OLD.key IS DISTINCT FROM NEW.key
    OR ((NEW.pair_id IS NOT NULL) AND (OLD.prompt_tokens IS DISTINCT FROM NEW.prompt_tokens OR OLD.completion_tokens IS DISTINCT FROM NEW.completion_tokens)))
  EXECUTE FUNCTION "prompt_item_stat_row"();

-- TRUNCATE fires no row triggers: empty the counters with it.
CREATE FUNCTION "prompt_stat_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'pair' THEN DELETE FROM "prompt_pair_stat"; ELSE DELETE FROM "prompt_item_stat"; END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "prompt_pair_stat_truncate" AFTER TRUNCATE ON "pair" FOR EACH STATEMENT EXECUTE FUNCTION "prompt_stat_truncate"();
CREATE TRIGGER "prompt_item_stat_truncate" AFTER TRUNCATE ON "generation_item" FOR EACH STATEMENT EXECUTE FUNCTION "prompt_stat_truncate"();

INSERT INTO "prompt_pair_stat" ("shard", "prompt_version", "model", "flagged", "verified", "failed")
SELECT (id % 16), prompt_version, model, count(*) FILTER (WHERE quality_flags <> '[]'::jsonb),
  count(*) FILTER (WHERE verification IS NOT NULL), count(*) FILTER (WHERE verification @> '{"passed": false}'::jsonb)
FROM "pair" GROUP BY 1, 2, 3;

INSERT INTO "prompt_item_stat" ("shard", "prompt_version", "model", "paired", "paired_tokens", "cost_usd")
SELECT (id % 16), split_part(key, '|', 3), substr(split_part(key, '|', 4), strpos(split_part(key, '|', 4), ':') + 1),
  count(pair_id), coalesce(sum(prompt_tokens::bigint + completion_tokens) FILTER (WHERE pair_id IS NOT NULL), 0), coalesce(sum(cost_usd), 0)
FROM "generation_item" GROUP BY 1, 2, 3;
