-- Stable content keys (issue 11). A document's key is its sha256, a segment's is "<document sha256>:<index>",
-- and a pair's is the key of the generation item that produced it. Item keys are rewritten from segment ids
-- (which depend on insertion order) to segment keys, so the same work is the same item in any database.

-- 1. Generation items: "<type>|<segment ids>|<prompt>|<provider:model>" → "<type>|<segment keys>|<prompt>|<provider:model>".
--    Items whose segments are gone keep their old key; if two old items map to one new key (the same text in two
--    corpora), the lowest id takes it and the others keep theirs.
WITH nk AS (
  SELECT g.id, g.type::text || '|' || sk.keys || '|' || substring(g.key FROM '^[^|]*\|[^|]*\|(.*)$') AS key
  FROM generation_item g
  CROSS JOIN LATERAL (
    SELECT string_agg(d.sha256 || ':' || s.index, ',' ORDER BY u.o) AS keys, count(*) AS n
    FROM unnest(g.segment_ids) WITH ORDINALITY AS u(sid, o)
    JOIN segment s ON s.id = u.sid JOIN document d ON d.id = s.document_id
  ) sk
  WHERE sk.n = cardinality(g.segment_ids) AND g.key ~ '^[^|]*\|[^|]*\|.+$'
), ranked AS (
  SELECT id, key, row_number() OVER (PARTITION BY key ORDER BY id) AS rn FROM nk
)
UPDATE generation_item g SET key = r.key
FROM ranked r
WHERE g.id = r.id AND r.rn = 1 AND g.key <> r.key
  AND NOT EXISTS (SELECT 1 FROM generation_item x WHERE x.key = r.key);

-- 2. pair.key: the generation item's key; pairs made otherwise (seeds, imports of reviewed data) get
--    "<type>|<segment keys>|manual:<sha256 of question \x1f answer>", with "#<id>" only on an exact duplicate.
ALTER TABLE "pair" ADD COLUMN "key" TEXT;

UPDATE pair p SET key = g.key FROM generation_item g WHERE g.pair_id = p.id;

WITH base AS (
  SELECT p.id, p.type::text || '|'
    || coalesce((SELECT string_agg(d.sha256 || ':' || s.index, ',' ORDER BY e.piece)
                 FROM pair_evidence e JOIN segment s ON s.id = e.segment_id JOIN document d ON d.id = s.document_id
                 WHERE e.pair_id = p.id), '')
    || '|manual:' || encode(sha256(convert_to(p.question || E'\x1f' || p.answer, 'UTF8')), 'hex') AS k
  FROM pair p WHERE p.key IS NULL
), ranked AS (
  SELECT id, k, row_number() OVER (PARTITION BY k ORDER BY id) AS rn FROM base
)
UPDATE pair p SET key = CASE WHEN r.rn = 1 AND NOT EXISTS (SELECT 1 FROM pair x WHERE x.key = r.k) THEN r.k ELSE r.k || '#' || p.id END
FROM ranked r WHERE p.id = r.id;

CREATE UNIQUE INDEX "pair_key_key" ON "pair"("key");
