-- Recently changed edited pairs (the table's "edited" filter sorted by "updated"): the (updated_at, id) index walked
-- back through every pair, reading ~55 rows from the heap per edited multi pair shown (54 ms p95 a page at 2M pairs,
-- 9% edited). Partial, so it holds only edited pairs; other filters on top (type, model…) read a few rows per hit.
CREATE INDEX "pair_edited_updated_at_id_idx" ON "pair" ("updated_at", "id") WHERE "edited";
