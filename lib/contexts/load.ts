import { renderAssembled, type ContextSpan } from "@/lib/assemble";
import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import type { ContextRecord, ContextText } from "./types";

const COLUMNS = `c.id, c.run_id AS "runId", c.pair_id AS "pairId", c.kind, c.seed, c.target_tokens AS "targetTokens",
  c.total_tokens AS "totalTokens", c.tokenizer, c.spans, c.evidence_depths AS "evidenceDepths", c.token_offsets AS "tokenOffsets", c.recipe_key AS "recipeKey",
  c.created_at AS "createdAt"`;

type Row = ContextRecord & { documentId: number };

async function loadRecords(ids: number[]): Promise<Row[]> {
  const { rows } = await pool().query<Row>(
    `SELECT ${COLUMNS}, p.document_id AS "documentId" FROM context c JOIN pair p ON p.id = c.pair_id WHERE c.id = ANY($1::int[])`, [ids]);
  return rows.map((r) => ({ ...r, evidenceDepths: r.evidenceDepths ?? [] }));
}

/**
 * Rebuilds the texts of many contexts with two queries: every segment a long context uses, and every document a
 * short context is. Results follow the order of `ids`; unknown ids are left out.
 */
export async function loadContextTexts(ids: number[]): Promise<ContextText[]> {
  if (ids.length === 0) return [];
  const records = await loadRecords(ids);
  const segmentIds = new Set<number>();
  const keyIds = new Set<number>();
  const documentIds = new Set<number>();
  for (const r of records) {
    if (r.kind === "short") documentIds.add(r.documentId);
    else for (const s of r.spans) segmentIds.add(s.segmentId);
    for (const s of r.spans) keyIds.add(s.segmentId);
  }
  const segments = new Map<number, string>();
  const documents = new Map<number, string>();
  // content keys beside the ids: "<document sha256>:<segment index>" and the document's sha256
  const keys = new Map<number, { segmentKey: string; documentKey: string }>();
  if (keyIds.size) {
    const { rows } = await pool().query<{ id: number; index: number; sha256: string; text: string | null }>(
      // `s.id = ANY($2)` is hashed by PostgreSQL (14+) for large constant arrays: a join on unnest($2) measured no faster
      `SELECT s.id, s.index, d.sha256, CASE WHEN s.id = ANY($2::int[]) THEN s.text END AS text
       FROM segment s JOIN document d ON d.id = s.document_id WHERE s.id = ANY($1::int[])`, [[...keyIds], [...segmentIds]]);
    for (const r of rows) {
      keys.set(r.id, { segmentKey: `${r.sha256}:${r.index}`, documentKey: r.sha256 });
      if (r.text !== null) segments.set(r.id, r.text);
    }
  }
  if (documentIds.size) {
    const { rows } = await pool().query<{ id: number; text: string }>(`SELECT id, text FROM document WHERE id = ANY($1::int[])`, [[...documentIds]]);
    for (const r of rows) documents.set(r.id, r.text);
  }
  const byId = new Map(records.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const textOf = (segmentId: number) => {
      const t = segments.get(segmentId);
      if (t === undefined) throw new AppError("not_found", `segment ${segmentId} of context ${id} no longer exists`);
      return t;
    };
    const text = renderAssembled(r, textOf, () => documents.get(r.documentId) ?? "");
    const spans = r.spans.map((s) => ({ ...s, ...(keys.get(s.segmentId) ?? { segmentKey: null, documentKey: null }) }));
    return [{ id: r.id, runId: r.runId, pairId: r.pairId, text, spans, kind: r.kind, totalTokens: r.totalTokens, targetTokens: r.targetTokens,
      tokenizer: r.tokenizer, evidenceDepths: r.evidenceDepths, seed: r.seed, tokenOffsets: r.tokenOffsets, recipeKey: r.recipeKey }];
  });
}

/** One context with its text; throws not_found for an unknown id. */
export async function loadContextText(id: number): Promise<ContextText> {
  const [ctx] = await loadContextTexts([id]);
  if (!ctx) throw new AppError("not_found", `context ${id} does not exist`);
  return ctx;
}

/** A context's stored recipe without text (lists, charts). */
export async function getContext(id: number): Promise<ContextRecord> {
  const [r] = await loadRecords([id]);
  if (!r) throw new AppError("not_found", `context ${id} does not exist`);
  const { documentId: _documentId, ...record } = r;
  return record;
}

export type { ContextSpan };
