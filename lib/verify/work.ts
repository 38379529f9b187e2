import { pool } from "@/lib/db/client";
import { neededPieces } from "./verdict";

/** What one pair's checks need: its question and answer, type, version and the texts of its evidence pieces. */
export interface PairWork {
  pairId: number;
  type: "single" | "multi";
  version: number;
  question: string;
  answer: string;
  needed: number[];
  pieces: Map<number, { text: string; tokens: number }>;
}

/** The pairs of a batch of items, with their evidence texts, in two queries. Missing pairs are absent. */
export async function loadWork(pairIds: number[]): Promise<Map<number, PairWork>> {
  if (!pairIds.length) return new Map();
  const { rows } = await pool().query<{ id: number; type: "single" | "multi"; version: number; question: string; answer: string; original: unknown }>(
    `SELECT id, type, version, question, answer, original FROM pair WHERE id = ANY($1::int[])`, [pairIds]);
  const { rows: ev } = await pool().query<{ pairId: number; piece: number; text: string; tokens: number }>(
    `SELECT e.pair_id AS "pairId", e.piece, s.text, s.token_count AS tokens FROM pair_evidence e JOIN segment s ON s.id = e.segment_id
     WHERE e.pair_id = ANY($1::int[]) ORDER BY e.pair_id, e.piece`, [pairIds]);
  const pieces = new Map<number, Map<number, { text: string; tokens: number }>>();
  for (const e of ev) {
    let m = pieces.get(e.pairId);
    if (!m) pieces.set(e.pairId, (m = new Map()));
    m.set(e.piece, { text: e.text, tokens: e.tokens });
  }
  const out = new Map<number, PairWork>();
  for (const r of rows) {
    const own = pieces.get(r.id) ?? new Map();
    out.set(r.id, { pairId: r.id, type: r.type, version: r.version, question: r.question, answer: r.answer, pieces: own,
      needed: neededPieces(r.type, [...own.keys()], r.original) });
  }
  return out;
}

export function piecesOf(w: PairWork, numbers: number[]): { piece: number; text: string }[] {
  return numbers.map((n) => ({ piece: n, text: w.pieces.get(n)?.text ?? "" }));
}

export function tokensOf(w: PairWork, numbers: number[]): number {
  return numbers.reduce((a, n) => a + (w.pieces.get(n)?.tokens ?? 0), 0);
}
