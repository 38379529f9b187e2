import type { AssembleInput } from "@/lib/assemble";
import { pool } from "@/lib/db/client";

/** What assembly needs about one pair, plus what decides whether it may be assembled at all. */
export interface PairInput {
  input: AssembleInput;
  corpusId: number;
  tokenizer: string;
  /** the source document's content key (sha256): its split, when the recipe has splits */
  documentKey: string;
  /** the source document or an evidence document overlaps an evaluation set: no context for this pair */
  contaminated: boolean;
}

interface Row {
  id: number; key: string; type: "single" | "multi"; answer: string; support: unknown; corpusId: number; tokenizer: string;
  docId: number; docKey: string; docText: string; docTokens: number; contaminated: boolean;
  evidence: { piece: number; needed: boolean; id: number; documentId: number; tokenCount: number; text: string; charStart: number; charEnd: number }[];
}

/**
 * Loads the pairs' answers, support, evidence segments and source documents in one statement. Callers pass
 * bounded batches (a few hundred ids): the source documents' texts come along, and they are what assembly needs.
 */
export async function loadPairInputs(pairIds: number[]): Promise<PairInput[]> {
  if (pairIds.length === 0) return [];
  const { rows } = await pool().query<Row>(
    `SELECT p.id, p.key, p.type, p.answer, p.support, p.corpus_id AS "corpusId", c.tokenizer,
            d.id AS "docId", d.sha256 AS "docKey", d.text AS "docText", d.token_count AS "docTokens",
            (d.contaminated OR bool_or(ed.contaminated)) AS contaminated,
            json_agg(json_build_object('piece', e.piece, 'needed', e.needed, 'id', s.id, 'documentId', s.document_id,
              'tokenCount', s.token_count, 'text', s.text, 'charStart', s.char_start, 'charEnd', s.char_end) ORDER BY e.piece) AS evidence
     FROM pair p
     JOIN corpus c ON c.id = p.corpus_id
     JOIN document d ON d.id = p.document_id
     JOIN pair_evidence e ON e.pair_id = p.id
     JOIN segment s ON s.id = e.segment_id
     JOIN document ed ON ed.id = s.document_id
     WHERE p.id = ANY($1::int[])
     GROUP BY p.id, c.tokenizer, d.id
     ORDER BY p.id`,
    [pairIds]);
  return rows.map((r) => ({
    corpusId: r.corpusId,
    tokenizer: r.tokenizer,
    documentKey: r.docKey,
    contaminated: r.contaminated,
    input: {
      pairId: r.id,
      key: r.key,
      type: r.type,
      answer: r.answer,
      support: Array.isArray(r.support) ? r.support.filter((s): s is string => typeof s === "string") : [],
      evidence: r.evidence,
      sourceDocument: { id: r.docId, text: r.docText, tokenCount: r.docTokens },
    },
  }));
}
