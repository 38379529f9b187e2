import { verdictWhere } from "@/lib/verify/predicate";
import { literal } from "@/lib/db/prepared";
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

/** Inlined values: the SQL of a named statement (lib/db/prepared.ts) whose generic plan must still match them. */
const inline = { add: (v: unknown) => literal(String(v)) };

/**
 * The WHERE conditions (on alias `p`) shared by the table, its count, the review queue and bulk actions, so a
 * bulk action changes exactly the rows the user was shown. Status, type, quality code and verdict are written as
 * (escaped) literals, not parameters: the partial indexes (per quality code, per verdict, pending-only) are
 * chosen by them, and a prepared statement's generic plan cannot match a partial index to a `$n`.
 */
export function pairWhere(f: PairFilter, params: Params): string {
  const c: string[] = [];
  if (f.status) c.push(`p.status = ${inline.add(f.status)}::"PairStatus"`);
  if (f.type) c.push(`p.type = ${inline.add(f.type)}::"PairType"`);
  if (f.flag === "any") c.push(`p.quality_flags <> '[]'::jsonb`);
  else if (f.flag === "none") c.push(`p.quality_flags = '[]'::jsonb`);
  // a jsonb literal so the planner (custom or generic plan) can use the per-code partial indexes
  else if (f.flag) c.push(`p.quality_flags @> ${inline.add(JSON.stringify([{ code: f.flag }]))}::jsonb`);
  if (f.verdict) c.push(verdictWhere(f.verdict, inline));
  if (f.model) c.push(`p.model = ${params.add(f.model)}`);
  if (f.promptVersion) c.push(`p.prompt_version = ${params.add(f.promptVersion)}`);
  if (f.reviewer === 0) c.push(`p.reviewer_id IS NULL`);
  else if (f.reviewer !== undefined) c.push(`p.reviewer_id = ${params.add(f.reviewer)}`);
  if (f.edited) c.push(f.edited === "true" ? "p.edited" : "NOT p.edited"); // as the partial indexes WHERE edited
  if (f.corpusId) c.push(`p.corpus_id = ${params.add(f.corpusId)}`);
  if (f.audit) c.push(`EXISTS (SELECT 1 FROM audit_item ai WHERE ai.audit_id = ${params.add(f.audit)}::int AND ai.pair_id = p.id)`);
  const q = f.q?.trim();
  if (q) c.push(`${PAIR_FTS} @@ websearch_to_tsquery('english', ${params.add(q)})`);
  return c.length ? c.join(" AND ") : "TRUE";
}
