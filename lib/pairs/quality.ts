import { pool } from "@/lib/db/client";
import { checkPair, corpusNearDuplicates, nearDuplicateFlag, nearDuplicateOf, nearDuplicatesOf, scoreFlags, type QualityFlag } from "@/lib/quality";
import { estimateProbeRows } from "@/lib/quality/near-duplicate-probes";
import type { Queryable } from "./detail";

export interface PairText { id: number; corpusId: number; type: "single" | "multi"; question: string; answer: string; support: string[] }
export interface Assessment { flags: QualityFlag[]; score: number }

/** Above this many pairs one corpus-wide near-duplicate pass is cheaper than an index probe per pair. */
const CORPUS_PASS_AT = 2000;
/**
 * Below it too, when the probes would read more rows than this share of all pairs: a probe row is a random heap
 * page, a corpus-pass row a sequential one (at 2M pairs with recycled questions, 200 probes took minutes).
 */
const PROBE_ROWS_SHARE = 0.25;
const BATCH = 500;

async function evidenceTexts(db: Queryable, ids: number[]): Promise<Map<number, { piece: number; text: string; needed: boolean }[]>> {
  const { rows } = await db.query<{ pairId: number; piece: number; text: string; needed: boolean }>(
    `SELECT e.pair_id AS "pairId", e.piece, s.text, e.needed FROM pair_evidence e JOIN segment s ON s.id = e.segment_id
     WHERE e.pair_id = ANY($1::int[]) ORDER BY e.pair_id, e.piece`, [ids]);
  const out = new Map<number, { piece: number; text: string; needed: boolean }[]>();
  for (const r of rows) out.set(r.pairId, [...(out.get(r.pairId) ?? []), { piece: r.piece, text: r.text, needed: r.needed }]);
  return out;
}

function assess(p: PairText, evidence: { piece: number; text: string; needed?: boolean }[], duplicateOf: number | null): Assessment {
  const flags = checkPair({ type: p.type, question: p.question, answer: p.answer, support: p.support, evidence }).flags;
  if (duplicateOf !== null) flags.push(nearDuplicateFlag(duplicateOf));
  return { flags, score: scoreFlags(flags) };
}

/** How a recheck of these pairs finds near-duplicates: index probes per pair, or one pass over their corpora. */
export async function nearDuplicatePass(db: Queryable, ids: number[]): Promise<"probes" | "corpus"> {
  if (ids.length >= CORPUS_PASS_AT) return "corpus";
  if (!ids.length) return "probes";
  const { rows } = await db.query<{ question: string }>(`SELECT question FROM pair WHERE id = ANY($1::int[])`, [ids]);
  const { probeRows, pairs } = await estimateProbeRows(db, rows.map((r) => r.question));
  return probeRows > PROBE_ROWS_SHARE * pairs ? "corpus" : "probes";
}

/** Quality of one pair as it would be with this text (used by edits before they are written). */
export async function assessPair(db: Queryable, p: PairText): Promise<Assessment> {
  const evidence = (await evidenceTexts(db, [p.id])).get(p.id) ?? [];
  return assess(p, evidence, await nearDuplicateOf(db, p));
}

/**
 * Runs every quality check on the given pairs and stores flags and score. The generation step calls this right
 * after insertPairs. A changed result is recorded as a `quality` event (no actor: the system) but does not bump
 * `version`: reviewers editing the pair meanwhile have nothing to lose.
 */
export async function recheckQuality(pairIds: number[], db: Queryable = pool()): Promise<{ checked: number; flagged: number; changed: number }> {
  const ids = [...new Set(pairIds)].sort((a, b) => a - b);
  let corpusDups: Map<number, number> | null = null;
  if (await nearDuplicatePass(db, ids) === "corpus") {
    const { rows } = await db.query<{ c: number }>(`SELECT DISTINCT corpus_id AS c FROM pair WHERE id = ANY($1::int[])`, [ids]);
    corpusDups = await corpusNearDuplicates(db, rows.map((r) => r.c));
  }
  const totals = { checked: 0, flagged: 0, changed: 0 };
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const [{ rows }, evidence] = await Promise.all([
      db.query<PairText & { flags: QualityFlag[]; score: number }>(
        `SELECT id, corpus_id AS "corpusId", type, question, answer, support, quality_flags AS flags, quality_score AS score
         FROM pair WHERE id = ANY($1::int[])`, [batch]),
      evidenceTexts(db, batch),
    ]);
    const changed: { id: number; flags: QualityFlag[]; score: number; before: unknown }[] = [];
    // below CORPUS_PASS_AT: one index probe round trip per batch of BATCH pairs
    const dups = corpusDups ?? await nearDuplicatesOf(db, rows);
    for (const p of rows) {
      const dup = dups.get(p.id) ?? null;
      const a = assess(p, evidence.get(p.id) ?? [], dup);
      totals.checked++;
      if (a.flags.length) totals.flagged++;
      if (JSON.stringify(a.flags) !== JSON.stringify(p.flags) || a.score !== p.score)
        changed.push({ id: p.id, ...a, before: { qualityFlags: p.flags, qualityScore: p.score } });
    }
    if (!changed.length) continue;
    totals.changed += changed.length;
    await db.query(
      `WITH u AS (SELECT * FROM unnest($1::int[], $2::jsonb[], $3::float8[], $4::jsonb[]) AS u(id, flags, score, before)),
       upd AS (UPDATE pair p SET quality_flags = u.flags, quality_score = u.score FROM u WHERE p.id = u.id RETURNING p.id, p.version)
       INSERT INTO pair_event (pair_id, actor_id, kind, before, after)
       SELECT u.id, NULL, 'quality', u.before || jsonb_build_object('version', upd.version),
         jsonb_build_object('qualityFlags', u.flags, 'qualityScore', u.score, 'version', upd.version)
       FROM u JOIN upd ON upd.id = u.id`,
      [changed.map((c) => c.id), changed.map((c) => JSON.stringify(c.flags)), changed.map((c) => c.score), changed.map((c) => JSON.stringify(c.before))]);
  }
  return totals;
}
