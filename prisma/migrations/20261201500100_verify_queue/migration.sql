-- The review queue's first phase (lib/verify/queue-order.ts): pending pairs a model check failed, lowest quality
-- score first, keyset-paged. A partial index over just those rows keeps every page an index range scan however many
-- pairs have failed verdicts (no sort of the whole failed set per page).
CREATE INDEX "pair_pending_failed_verdict_score_idx" ON "pair" ("quality_score", "id")
  WHERE "status" = 'pending' AND "verification" @> '{"passed": false}';
