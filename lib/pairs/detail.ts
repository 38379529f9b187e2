import type pg from "pg";
import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { findSupportSpans, type QualityFlag } from "@/lib/quality";
import type { EvidencePiece, PairDetail } from "./types";

export type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

type PairRow = Omit<PairDetail, "evidence" | "missingQuotes">;
type EvidenceRow = { pairId: number; piece: number; segmentId: number; documentId: number; tokenCount: number; text: string };

export const PAIR_COLUMNS = `p.id, p.type, p.status, p.version, p.question, p.answer, p.support, p.edited, p.original, p.provider,
  p.model, p.prompt_version AS "promptVersion", p.quality_flags AS "qualityFlags", p.quality_score AS "qualityScore",
  p.reviewer_id AS "reviewerId", u.name AS "reviewerName", p.reviewed_at AS "reviewedAt", p.updated_at AS "updatedAt",
  p.corpus_id AS "corpusId", p.document_id AS "documentId"`;

export const PAIR_FROM = `pair p LEFT JOIN app_user u ON u.id = p.reviewer_id`;
export type { PairRow };

/** Pairs with their evidence texts and the support quotes located in them, in the order of `ids`. */
export async function getPairs(ids: number[], db: Queryable = pool()): Promise<PairDetail[]> {
  if (!ids.length) return [];
  const [pairs, evidence] = await Promise.all([
    db.query<PairRow>(`SELECT ${PAIR_COLUMNS} FROM ${PAIR_FROM} WHERE p.id = ANY($1::int[])`, [ids]),
    evidenceOf(ids, db),
  ]);
  const byId = new Map(pairs.rows.map((p) => [p.id, withEvidence(p, evidence.get(p.id) ?? [])]));
  return ids.map((id) => byId.get(id)).filter((p): p is PairDetail => p !== undefined);
}

/**
 * A select-list column (on pair alias `p`) carrying the pair's evidence rows as JSON, in piece order: a queue page
 * reads its pairs and their evidence in one statement (one round trip where there were two). Pass the rows' values
 * to `evidenceFromColumn`.
 */
export const EVIDENCE_COLUMN = `(SELECT coalesce(json_agg(json_build_object('pairId', e.pair_id, 'piece', e.piece, 'segmentId', e.segment_id,
    'documentId', e.document_id, 'tokenCount', s.token_count, 'text', s.text) ORDER BY e.piece), '[]')
  FROM pair_evidence e JOIN segment s ON s.id = e.segment_id WHERE e.pair_id = p.id) AS "evidenceRows"`;

/** The evidence of rows read with EVIDENCE_COLUMN, keyed by pair id (withEvidenceOf's `loaded`). */
export function evidenceFromColumn(rows: { id: number; evidenceRows: unknown }[]): Map<number, EvidenceRow[]> {
  return new Map(rows.map((r) => [r.id, r.evidenceRows as EvidenceRow[]]));
}

/** Completes pair rows already fetched (the queue reads them in its keyset query: one round trip less). */
export async function withEvidenceOf(rows: PairRow[], db: Queryable = pool(),
  loaded?: Map<number, EvidenceRow[]>): Promise<PairDetail[]> {
  const evidence = loaded ?? await evidenceOf(rows.map((r) => r.id), db);
  return rows.map((r) => withEvidence(r, evidence.get(r.id) ?? []));
}

/** The evidence rows of pairs, with their segment texts (written once when a pair is created, never changed). */
export async function evidenceOf(ids: number[], db: Queryable): Promise<Map<number, EvidenceRow[]>> {
  const { rows } = await db.query<EvidenceRow>(
    `SELECT e.pair_id AS "pairId", e.piece, e.segment_id AS "segmentId", e.document_id AS "documentId",
       s.token_count AS "tokenCount", s.text
     FROM pair_evidence e JOIN segment s ON s.id = e.segment_id WHERE e.pair_id = ANY($1::int[]) ORDER BY e.pair_id, e.piece`, [ids]);
  const byPair = new Map<number, EvidenceRow[]>();
  for (const e of rows) byPair.set(e.pairId, [...(byPair.get(e.pairId) ?? []), e]);
  return byPair;
}

export async function getPair(id: number, db: Queryable = pool()): Promise<PairDetail> {
  const [pair] = await getPairs([id], db);
  if (!pair) throw new AppError("not_found", `pair ${id} does not exist`);
  return pair;
}

export function withEvidence(row: PairRow, rows: EvidenceRow[]): PairDetail {
  const support = Array.isArray(row.support) ? row.support.map(String) : [];
  const found = new Set<number>();
  const evidence: EvidencePiece[] = rows.map(({ pairId: _p, ...e }) => {
    const spans = findSupportSpans(e.text, support);
    for (const s of spans) found.add(s.quote);
    return { ...e, spans };
  });
  return {
    ...row,
    support,
    qualityFlags: (row.qualityFlags ?? []) as QualityFlag[],
    reviewedAt: iso(row.reviewedAt),
    updatedAt: iso(row.updatedAt) ?? "",
    evidence,
    missingQuotes: support.map((_, i) => i).filter((i) => !found.has(i)),
  };
}

/** pg returns Date objects; the API and the client speak ISO strings. */
export function iso(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString() : String(v);
}
