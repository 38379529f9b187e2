import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { sampleSegments } from "@/lib/corpus/segments";
import { resolveRequest } from "@/lib/generate/params";
import { selectCandidates } from "@/lib/generate/select";
import { walkRank, walkStart } from "@/lib/random/seeded-walk";
import { useTestDatabase } from "../support/db";

/**
 * Seeded samples walk the (corpus_id, key_hash) index from a seed-derived start (lib/random/seeded-walk.ts).
 * These tests pin the order to its definition (rank = clockwise distance of the content hash from the start) and
 * check the statistical promise: over seeds every segment is about equally likely, whatever its import position,
 * and different seeds give different samples.
 */
const DOCS = 200;
const PER_DOC = 5;
const N = DOCS * PER_DOC;
let corpusId = 0;
/** every segment: id, content key, content hash, and whether it was written in the first half */
let segs: { id: number; k: string; h: bigint; first: boolean }[] = [];

beforeAll(async () => {
  await useTestDatabase();
  const db = pool();
  corpusId = (await db.query<{ id: number }>(`INSERT INTO corpus (name, tokenizer) VALUES ('walk', 'mistral') RETURNING id`)).rows[0]!.id;
  await db.query(
    `INSERT INTO document (corpus_id, sha256, text, char_count, token_count, segment_count)
     SELECT $1, encode(sha256(('doc ' || g)::bytea), 'hex'), 'text ' || g, 10, 10, $3 FROM generate_series(1, $2) g ORDER BY g`,
    [corpusId, DOCS, PER_DOC]);
  // the importer's formula (checked against the importer in test/repro/keys.test.ts)
  await db.query(
    `INSERT INTO segment (document_id, corpus_id, index, text, token_count, char_start, char_end, key_hash)
     SELECT d.id, $1, i, 'segment ' || i, 128 + i, 0, 1, hashtextextended(d.sha256 || ':' || i, 0)
     FROM document d CROSS JOIN generate_series(0, $2 - 1) i WHERE d.corpus_id = $1 ORDER BY d.id, i`, [corpusId, PER_DOC]);
  const { rows } = await db.query<{ id: number; k: string; h: string }>(
    `SELECT s.id, d.sha256 || ':' || s.index AS k, s.key_hash::text AS h FROM segment s JOIN document d ON d.id = s.document_id ORDER BY s.id`);
  segs = rows.map((r, i) => ({ id: r.id, k: r.k, h: BigInt(r.h), first: i < rows.length / 2 }));
});

/** The definition: ascending clockwise distance of the content hash from the seed's start, ties by key. */
function expected(seed: number, n: number): number[] {
  const start = walkStart(seed);
  return [...segs].sort((a, b) => {
    const ra = walkRank(a.h, start), rb = walkRank(b.h, start);
    return ra < rb ? -1 : ra > rb ? 1 : Buffer.compare(Buffer.from(a.k), Buffer.from(b.k));
  }).slice(0, n).map((s) => s.id);
}

describe("seeded walk over content hashes", () => {
  it("a sample is the walk from the seed's start, wrapping around the hash circle", async () => {
    for (const seed of [1, 2, 77]) {
      const all = await sampleSegments({ corpusId, n: N, seed });
      expect(all.map((s) => s.id)).toEqual(expected(seed, N)); // every segment once, both arcs, in order
      expect((await sampleSegments({ corpusId, n: 40, seed })).map((s) => s.id)).toEqual(expected(seed, 40));
    }
  });

  it("single-segment generation picks the same segments in the same order as the sample with that seed", async () => {
    const p = resolveRequest({ type: "single", count: 60, corpusId, seed: 5, provider: "offline" });
    const cands = await selectCandidates(pool(), p);
    expect(cands.map((c) => c.segmentIds[0])).toEqual(expected(5, 60));
    // across page boundaries and the wrap-around: asking for every segment returns each exactly once
    const every = await selectCandidates(pool(), { ...p, count: N });
    expect(every.map((c) => c.segmentIds[0])).toEqual(expected(5, N));
  });

  it("multi-segment generation walks documents by their content hash", async () => {
    const { rows } = await pool().query<{ id: number; h: string; sha256: string; want: string }>(
      `SELECT id, key_hash::text AS h, sha256, hashtextextended(sha256, 0)::text AS want FROM document WHERE corpus_id = $1`, [corpusId]);
    for (const r of rows) expect(r.h).toBe(r.want); // the generated column is the content hash
    const start = walkStart(3);
    const want = [...rows].sort((a, b) => {
      const ra = walkRank(BigInt(a.h), start), rb = walkRank(BigInt(b.h), start);
      return ra < rb ? -1 : ra > rb ? 1 : Buffer.compare(Buffer.from(a.sha256), Buffer.from(b.sha256));
    }).map((r) => r.id);
    const cands = await selectCandidates(pool(), resolveRequest({ type: "multi", count: DOCS, corpusId, seed: 3, provider: "offline" }));
    expect(cands.map((c) => c.documentId)).toEqual(want);
    expect(cands.every((c) => c.segmentIds.length === PER_DOC)).toBe(true);
  });

  it("over seeds every segment is about equally likely, wherever the import put it", async () => {
    const SEEDS = 400, SIZE = 50;
    const hits = new Map<number, number>();
    for (let seed = 1; seed <= SEEDS; seed++) {
      for (const s of await sampleSegments({ corpusId, n: SIZE, seed })) hits.set(s.id, (hits.get(s.id) ?? 0) + 1);
    }
    const mean = (SEEDS * SIZE) / N; // 20
    const counts = segs.map((s) => hits.get(s.id) ?? 0);
    expect(Math.min(...counts)).toBeGreaterThan(0); // nobody is never drawn
    expect(Math.max(...counts)).toBeLessThan(mean * 2.5); // nobody is drawn far more often
    // inclusion probability N/n with relative spread ~1/√N (gaps) plus seed noise: the spread stays near that
    const sd = Math.sqrt(counts.reduce((a, c) => a + (c - mean) ** 2, 0) / N);
    expect(sd / mean).toBeLessThan(0.35);
    // no bias by import position: the first half written gets half the draws
    const firstHalf = segs.reduce((a, s) => a + (s.first ? hits.get(s.id) ?? 0 : 0), 0);
    expect(Math.abs(firstHalf / (SEEDS * SIZE) - 0.5)).toBeLessThan(0.05);
  });

  it("different seeds give different samples that overlap no more than independent samples would", async () => {
    const SIZE = 50;
    const samples = await Promise.all(Array.from({ length: 30 }, (_, i) => sampleSegments({ corpusId, n: SIZE, seed: 1000 + i })));
    const sets = samples.map((s) => new Set(s.map((x) => x.id)));
    let overlap = 0, pairs = 0;
    for (let i = 0; i < sets.length; i++) {
      for (let j = i + 1; j < sets.length; j++) {
        const shared = [...sets[i]!].filter((id) => sets[j]!.has(id)).length;
        expect(shared).toBeLessThan(SIZE); // never the same sample
        overlap += shared; pairs++;
      }
    }
    // two independent samples of 50 from 1,000 share 2.5 rows on average
    expect(overlap / pairs).toBeLessThan(6);
  });
});
