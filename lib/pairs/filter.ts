import { verdictWhere } from "@/lib/verify/predicate";
import type { PairFilter } from "./schemas";

/** SQL parameters collected while a query is built; `add` returns the placeholder for a value. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** The full-text document of a pair; the same expression as the GIN index pair_qa_fts_idx, so the index is used. */
export const PAIR_FTS = `to_tsvector('english', p.question || ' ' || p.answer)`;

/**
 * The WHERE conditions (on alias `p`) shared by the table, its count, the review queue and bulk actions, so a
 * bulk action changes exactly the rows the user was shown.
 */
export function pairWhere(f: PairFilter, params: Params): string {
  const c: string[] = [];
  if (f.status) c.push(`p.status = ${params.add(f.status)}::"PairStatus"`);
  if (f.type) c.push(`p.type = ${params.add(f.type)}::"PairType"`);
  if (f.flag === "any") c.push(`p.quality_flags <> '[]'::jsonb`);
  else if (f.flag === "none") c.push(`p.quality_flags = '[]'::jsonb`);
  // a jsonb literal (not built in SQL) so the planner can use the per-code partial indexes
  else if (f.flag) c.push(`p.quality_flags @> ${params.add(JSON.stringify([{ code: f.flag }]))}::jsonb`);
  if (f.verdict) c.push(verdictWhere(f.verdict, params));
  if (f.model) c.push(`p.model = ${params.add(f.model)}`);
  if (f.promptVersion) c.push(`p.prompt_version = ${params.add(f.promptVersion)}`);
  if (f.reviewer === 0) c.push(`p.reviewer_id IS NULL`);
  else if (f.reviewer !== undefined) c.push(`p.reviewer_id = ${params.add(f.reviewer)}`);
  if (f.edited) c.push(`p.edited = ${params.add(f.edited === "true")}`);
  if (f.corpusId) c.push(`p.corpus_id = ${params.add(f.corpusId)}`);
  if (f.audit) c.push(`EXISTS (SELECT 1 FROM audit_item ai WHERE ai.audit_id = ${params.add(f.audit)}::int AND ai.pair_id = p.id)`);
  const q = f.q?.trim();
  if (q) c.push(`${PAIR_FTS} @@ websearch_to_tsquery('english', ${params.add(q)})`);
  return c.length ? c.join(" AND ") : "TRUE";
}
