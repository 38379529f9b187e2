-- Curation as a team (issue 15): queue leases, bulk event groups, audits, agreement overlap, prompt versions,
-- guidelines, comments and saved views.

-- A lease row is only meaningful while expires_at > now(); expired rows are overwritten by the next claim and
-- swept now and then, so the table stays about as big as the number of pairs on reviewers' screens.
CREATE TABLE "pair_lease" (
  "pair_id" INTEGER NOT NULL REFERENCES "pair"("id") ON DELETE CASCADE,
  "user_id" INTEGER NOT NULL REFERENCES "app_user"("id") ON DELETE CASCADE,
  "expires_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "pair_lease_pkey" PRIMARY KEY ("pair_id")
);
CREATE INDEX "pair_lease_user_id_idx" ON "pair_lease" ("user_id");
CREATE INDEX "pair_lease_expires_at_idx" ON "pair_lease" ("expires_at");

CREATE TABLE "event_group" (
  "id" SERIAL PRIMARY KEY,
  "actor_id" INTEGER,
  "kind" TEXT NOT NULL,
  "action" TEXT NOT NULL,
  "filter" JSONB NOT NULL,
  "changed" INTEGER NOT NULL DEFAULT 0,
  "audit_id" INTEGER,
  "undone_at" TIMESTAMPTZ(3),
  "undone_by" INTEGER,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "event_group_actor_id_created_at_idx" ON "event_group" ("actor_id", "created_at");

ALTER TABLE "pair_event" ADD COLUMN "group_id" INTEGER;
ALTER TABLE "pair_event" ADD COLUMN "guidelines_version" INTEGER;
CREATE INDEX "pair_event_group_id_idx" ON "pair_event" ("group_id") WHERE "group_id" IS NOT NULL;

CREATE TABLE "audit" (
  "id" SERIAL PRIMARY KEY,
  "name" TEXT NOT NULL,
  "filter" JSONB NOT NULL,
  "seed" TEXT NOT NULL,
  "size" INTEGER NOT NULL,
  "population" INTEGER NOT NULL,
  "margin" DOUBLE PRECISION,
  "confidence" DOUBLE PRECISION NOT NULL DEFAULT 0.95,
  "created_by" INTEGER,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "group_id" INTEGER
);

CREATE TABLE "audit_item" (
  "audit_id" INTEGER NOT NULL REFERENCES "audit"("id") ON DELETE CASCADE,
  "pair_id" INTEGER NOT NULL REFERENCES "pair"("id") ON DELETE CASCADE,
  "rank" INTEGER NOT NULL,
  CONSTRAINT "audit_item_pkey" PRIMARY KEY ("audit_id", "pair_id")
);
CREATE INDEX "audit_item_pair_id_idx" ON "audit_item" ("pair_id");

CREATE TABLE "overlap_pair" (
  "pair_id" INTEGER NOT NULL REFERENCES "pair"("id") ON DELETE CASCADE,
  "state" TEXT NOT NULL DEFAULT 'open',
  "votes" INTEGER NOT NULL DEFAULT 0,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "overlap_pair_pkey" PRIMARY KEY ("pair_id")
);
CREATE INDEX "overlap_pair_state_idx" ON "overlap_pair" ("state");

CREATE TABLE "review_vote" (
  "pair_id" INTEGER NOT NULL REFERENCES "pair"("id") ON DELETE CASCADE,
  "user_id" INTEGER NOT NULL REFERENCES "app_user"("id") ON DELETE CASCADE,
  "decision" "PairStatus" NOT NULL,
  "guidelines_version" INTEGER,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "review_vote_pkey" PRIMARY KEY ("pair_id", "user_id")
);
CREATE INDEX "review_vote_user_id_idx" ON "review_vote" ("user_id");

CREATE TABLE "prompt_version" (
  "id" SERIAL PRIMARY KEY,
  "version" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "type" TEXT NOT NULL,
  "text" TEXT NOT NULL,
  "output_schema" JSONB NOT NULL,
  "author_id" INTEGER,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX "prompt_version_version_key" ON "prompt_version" ("version");
CREATE INDEX "prompt_version_name_id_idx" ON "prompt_version" ("name", "id");
-- immutable: a saved edit is a new row
CREATE FUNCTION "prompt_version_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'prompt versions are immutable: save a new version instead' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER "prompt_version_immutable" BEFORE UPDATE ON "prompt_version"
  FOR EACH ROW EXECUTE FUNCTION "prompt_version_immutable"();

CREATE TABLE "guidelines_version" (
  "id" SERIAL PRIMARY KEY,
  "text" TEXT NOT NULL,
  "author_id" INTEGER,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);

-- Every reviewer decision records the guidelines version in force, whichever code path wrote it.
CREATE FUNCTION "pair_event_guidelines"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."guidelines_version" IS NULL AND NEW."kind" IN ('status', 'bulk', 'edit') THEN
    NEW."guidelines_version" := (SELECT max("id") FROM "guidelines_version");
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "pair_event_guidelines" BEFORE INSERT ON "pair_event"
  FOR EACH ROW EXECUTE FUNCTION "pair_event_guidelines"();

CREATE TABLE "pair_comment" (
  "id" SERIAL PRIMARY KEY,
  "pair_id" INTEGER NOT NULL REFERENCES "pair"("id") ON DELETE CASCADE,
  "author_id" INTEGER,
  "text" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX "pair_comment_pair_id_id_idx" ON "pair_comment" ("pair_id", "id");

CREATE TABLE "saved_view" (
  "id" SERIAL PRIMARY KEY,
  "name" TEXT NOT NULL,
  "filter" JSONB NOT NULL,
  "author_id" INTEGER,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
