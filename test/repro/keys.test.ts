import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import zlib from "node:zlib";
import { importFiles } from "@/lib/corpus/importer";
import { sampleSegments } from "@/lib/corpus/segments";
import { resolveRequest } from "@/lib/generate/params";
import { selectCandidates } from "@/lib/generate/select";
import { insertPairs, type NewPair } from "@/lib/pairs/create";
import { useTestDatabase } from "../support/db";

/**
 * Stable content keys: a segment is "<document sha256>:<index>", a generated pair's key is its item's key built
 * from segment keys, other pairs get a content-derived "manual" key. Migration 20261201200000 brings an existing
 * database (item keys made of segment ids, pairs without keys) to the same keys.
 */
const MIGRATION = fs.readFileSync(path.join(process.cwd(), "prisma", "migrations", "20261201200000_pair_key", "migration.sql"), "utf8");
const texts = [
  "The harbour bridge opened in 1932 after eight years of work.\n\nIt carries eight lanes of traffic and two railway lines.",
  "A second article about the 2024 budget, which rose by 4.5 percent.\n\nThe treasurer presented it on Tuesday.",
];
const sha = (t: string) => crypto.createHash("sha256").update(t).digest("hex");
const manual = (type: string, keys: string[], q: string, a: string) =>
  `${type}|${keys.join(",")}|manual:${crypto.createHash("sha256").update(`${q}\u001f${a}`).digest("hex")}`;

let segs: { id: number; documentId: number; key: string }[];

beforeAll(async () => {
  await useTestDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-keys-"));
  const file = path.join(dir, "two.jsonl");
  fs.writeFileSync(file, texts.map((text) => JSON.stringify({ text })).join("\n"));
  await importFiles({ corpus: "keys", files: [{ path: file }] });
  fs.rmSync(dir, { recursive: true, force: true });
  const { rows } = await pool().query<{ id: number; documentId: number; key: string }>(
    `SELECT s.id, s.document_id AS "documentId", d.sha256 || ':' || s.index AS key FROM segment s JOIN document d ON d.id = s.document_id ORDER BY d.sha256, s.index`);
  segs = rows;
});

function pair(seg: { id: number; documentId: number }, question: string, extra: Partial<NewPair> = {}): NewPair {
  const c = { type: "single" as const, corpusId: 1, documentId: seg.documentId, question, answer: "In 1932.", support: [],
    evidence: [{ piece: 1, segmentId: seg.id, documentId: seg.documentId }], provider: "offline", model: "m", promptVersion: "v1", original: null };
  return { ...c, ...extra };
}

describe("pair keys", () => {
  it("segments are keyed by document sha256 and index", () => {
    expect(segs.length).toBeGreaterThanOrEqual(2);
    expect(segs.map((s) => s.key.split(":")[0])).toEqual(expect.arrayContaining(texts.map(sha)));
  });

  it("the importer stores each segment's content hash, the same value the key gives in any database", async () => {
    const { rows } = await pool().query<{ key: string; h: string | null }>(
      `SELECT d.sha256 || ':' || s.index AS key, s.key_hash::text AS h FROM segment s JOIN document d ON d.id = s.document_id`);
    expect(rows.length).toBe(segs.length);
    for (const r of rows) {
      const { rows: want } = await pool().query<{ h: string }>(`SELECT hashtextextended($1, 0)::text AS h`, [r.key]);
      expect(r.h).toBe(want[0]!.h);
    }
  });

  it("a pair gets the key it is given, or a content-derived manual key; exact duplicates stay unique", async () => {
    const s = segs[0]!;
    const ids = await insertPairs([pair(s, "When did it open?", { key: "single|given|v1|offline:m" }), pair(s, "When was it opened?"), pair(s, "When was it opened?")]);
    const { rows } = await pool().query<{ id: number; key: string }>(`SELECT id, key FROM pair WHERE id = ANY($1) ORDER BY id`, [ids]);
    const derived = manual("single", [s.key], "When was it opened?", "In 1932.");
    expect(rows.map((r) => r.key)).toEqual(["single|given|v1|offline:m", derived, `${derived}#2`]);
  });

  it("the migration rewrites id-based item keys to segment keys and backfills pair keys", async () => {
    const db = pool();
    const [s0, s1] = [segs[0]!, segs[1]!];
    const { rows: job } = await db.query<{ id: number }>(`INSERT INTO job (kind) VALUES ('generate') RETURNING id`);
    const [generated, legacy] = await insertPairs([pair(s0, "Q generated"), pair(s1, "Q legacy")]);
    await db.query(
      `INSERT INTO generation_item (job_id, key, type, segment_ids, status, pair_id) VALUES
         ($1, $2, 'single', $3, 'succeeded', $4), ($1, $5, 'multi', $6, 'pending', NULL), ($1, 'single|999999|v1|offline:m', 'single', '{999999}', 'pending', NULL)`,
      [job[0]!.id, `single|${s0.id}|v1|offline:m`, [s0.id], generated, `multi|${s0.id},${s1.id}|v1|offline:m`, [s0.id, s1.id]]);
    // the database as it was before the migration: no pair keys
    await db.query(`ALTER TABLE pair DROP COLUMN key`);
    await db.query(MIGRATION);
    const { rows: items } = await db.query<{ key: string }>(`SELECT key FROM generation_item WHERE job_id = $1 ORDER BY id`, [job[0]!.id]);
    expect(items.map((i) => i.key)).toEqual([`single|${s0.key}|v1|offline:m`, `multi|${s0.key},${s1.key}|v1|offline:m`, "single|999999|v1|offline:m"]);
    const { rows: pairs } = await db.query<{ id: number; key: string }>(`SELECT id, key FROM pair WHERE id = ANY($1) ORDER BY id`, [[generated, legacy]]);
    expect(pairs.map((p) => p.key)).toEqual([`single|${s0.key}|v1|offline:m`, manual("single", [s1.key], "Q legacy", "In 1932.")]);
    const { rows: missing } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pair WHERE key IS NULL`);
    expect(missing[0]!.n).toBe(0);
    await expect(db.query(`INSERT INTO pair (type, corpus_id, document_id, question, answer, original, provider, model, prompt_version, key)
      VALUES ('single', 1, 1, 'q', 'a', 'null', 'p', 'm', 'v', $1)`, [pairs[0]!.key])).rejects.toThrow(/pair_key_key/);
  });
});

describe("seeded choices follow content, not ids", () => {
  let corpora: number[];
  beforeAll(async () => {
    // the same 60 demo documents, imported forwards into one corpus and backwards into another: other ids
    const lines = zlib.gunzipSync(fs.readFileSync(path.join(process.cwd(), "data", "demo", "c4-realnewslike-1000.jsonl.gz")))
      .toString("utf8").split("\n").filter(Boolean).slice(0, 60);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-order-"));
    const fwd = path.join(dir, "fwd.jsonl");
    const rev = path.join(dir, "rev.jsonl");
    fs.writeFileSync(fwd, lines.join("\n"));
    fs.writeFileSync(rev, [...lines].reverse().join("\n"));
    await importFiles({ corpus: "fwd", files: [{ path: fwd }] });
    await importFiles({ corpus: "rev", files: [{ path: rev }] });
    fs.rmSync(dir, { recursive: true, force: true });
    const { rows } = await pool().query<{ id: number }>(`SELECT id FROM corpus WHERE name IN ('fwd', 'rev') ORDER BY name`);
    corpora = rows.map((r) => r.id);
  });

  const keyOf = async (segmentIds: number[]) => (await pool().query<{ k: string }>(
    `SELECT d.sha256 || ':' || s.index AS k FROM unnest($1::int[]) WITH ORDINALITY u(id, o) JOIN segment s ON s.id = u.id
     JOIN document d ON d.id = s.document_id ORDER BY o`, [segmentIds])).rows.map((r) => r.k);

  it("a seeded segment sample picks the same segments, in the same order, from both imports", async () => {
    const sample = async (corpusId: number, seed: number) => keyOf((await sampleSegments({ corpusId, n: 25, seed })).map((s) => s.id));
    const [fwd, rev] = [await sample(corpora[0]!, 11), await sample(corpora[1]!, 11)];
    expect(fwd).toHaveLength(25);
    expect(rev).toEqual(fwd);
    const other = await sample(corpora[0]!, 12);
    expect(other).not.toEqual(fwd);
  });

  it.each(["single", "multi"] as const)("generation selects the same %s work from both imports", async (type) => {
    const select = (corpusId: number) => selectCandidates(pool(), resolveRequest({ type, count: 15, seed: 5, corpusId, provider: "offline" }));
    const [fwd, rev] = [await select(corpora[0]!), await select(corpora[1]!)];
    expect(fwd).toHaveLength(15);
    expect(rev.map((c) => c.key)).toEqual(fwd.map((c) => c.key));
    expect(rev.map((c) => c.segmentIds)).not.toEqual(fwd.map((c) => c.segmentIds));
    for (const c of fwd) expect(c.key).toContain((await keyOf(c.segmentIds)).join(","));
  });
});
