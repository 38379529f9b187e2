-- The quality code multi_few_pieces (issue 11): a multi pair whose generator needs fewer than two pieces.
CREATE INDEX "pair_flag_multi_few_pieces_idx" ON "pair" ("id") WHERE "quality_flags" @> '[{"code": "multi_few_pieces"}]';
