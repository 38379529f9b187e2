-- Queue claims in one statement without losing a race (issue 15, bench:team next-pair p99).
--
-- The claim statement (lib/review-team/claim.ts) locks a few more candidates than it needs, in queue order,
-- `FOR UPDATE OF pair SKIP LOCKED`. Its snapshot can be older than a lease another reviewer committed a moment ago
-- (that reviewer's row locks are gone once it commits), so some candidates may already be taken. This function
-- tries the candidates in order, each with its own upsert (which sees the latest committed lease), and stops as
-- soon as it has won `want`: one round trip serves a full page even when 50 reviewers start at the queue head.
-- A lease is won when the pair has none, an expired one, or one of the same user (renewed, never shortened: an
-- admin's assignment is a longer lease, lib/review-team/assign.ts).
CREATE FUNCTION "claim_pair_leases"(p_user INTEGER, p_ttl DOUBLE PRECISION, p_want INTEGER, p_ids INTEGER[])
RETURNS TABLE ("pair_id" INTEGER, "expires_at" TIMESTAMPTZ) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_id INTEGER;
  v_until TIMESTAMPTZ;
  v_won INTEGER := 0;
BEGIN
  IF p_want <= 0 OR p_ids IS NULL THEN RETURN; END IF;
  FOREACH v_id IN ARRAY p_ids LOOP
    INSERT INTO "pair_lease" AS l ("pair_id", "user_id", "expires_at")
    VALUES (v_id, p_user, now() + make_interval(secs => p_ttl))
    ON CONFLICT ON CONSTRAINT "pair_lease_pkey" DO UPDATE SET "user_id" = EXCLUDED."user_id",
      "expires_at" = CASE WHEN l."user_id" = EXCLUDED."user_id" THEN greatest(l."expires_at", EXCLUDED."expires_at") ELSE EXCLUDED."expires_at" END
      WHERE l."expires_at" <= now() OR l."user_id" = EXCLUDED."user_id"
    RETURNING l."expires_at" INTO v_until;
    IF FOUND THEN
      pair_id := v_id;
      expires_at := v_until;
      RETURN NEXT;
      v_won := v_won + 1;
      EXIT WHEN v_won >= p_want;
    END IF;
  END LOOP;
END
$$;

-- Reviewer statistics count blind votes of the last 7 days (lib/pairs/overview.ts) without reading older ones.
CREATE INDEX "review_vote_created_at_idx" ON "review_vote" ("created_at");
