import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { findAnswerSpan, findSupportSpans } from "@/lib/quality";
import { loadContextText } from "./load";
import { latestContextIds } from "./store";

/** A highlight inside a block, in UTF-16 offsets of the block's text. */
export interface Mark { start: number; end: number; kind: "support" | "answer" }

/** One rendered row of the preview: a segment of a long context, or a slice of a short one's document. */
export interface PreviewBlock {
  /** evidence: a piece the answer needs; source: another piece of its document the generator saw; filler; text: document text no segment covers */
  role: "evidence" | "source" | "filler" | "text";
  piece: number | null;
  segmentId: number | null;
  text: string;
  tokenStart: number;
  tokenEnd: number;
  marks: Mark[];
}

export interface ContextPreview {
  context: { id: number; runId: number; kind: "long" | "short"; seed: string; targetTokens: number; totalTokens: number; tokenizer: string;
    evidenceDepths: number[]; chars: number; tokenOffsets: "exact" | "estimated" };
  pair: { id: number; type: string; status: string; question: string; answer: string; support: string[] };
  blocks: PreviewBlock[];
  /** whether the answer appears verbatim in an evidence piece (then it is marked there); if not, nothing is boxed */
  answerVerbatim: boolean;
  /** other contexts of this pair (newest first), to switch between runs */
  history: { id: number; runId: number; createdAt: string }[];
}

/** The newest context of a pair (or a given one) with its text cut into blocks and the evidence marked. */
export async function contextPreview(pairId: number, contextId?: number): Promise<ContextPreview> {
  const id = contextId ?? (await latestContextIds([pairId])).get(pairId);
  if (id === undefined) throw new AppError("not_found", `pair ${pairId} has no context yet — assemble it first`);
  const ctx = await loadContextText(id);
  if (ctx.pairId !== pairId) throw new AppError("not_found", `context ${id} does not belong to pair ${pairId}`);
  const { rows } = await pool().query<ContextPreview["pair"]>(
    `SELECT id, type::text AS type, status::text AS status, question, answer, support FROM pair WHERE id = $1`, [pairId]);
  const pair = rows[0];
  if (!pair) throw new AppError("not_found", `pair ${pairId} does not exist`);
  const support = Array.isArray(pair.support) ? pair.support.filter((s): s is string => typeof s === "string") : [];
  const history = (await pool().query<ContextPreview["history"][number]>(
    `SELECT id, run_id AS "runId", created_at AS "createdAt" FROM context WHERE pair_id = $1 ORDER BY id DESC LIMIT 20`, [pairId])).rows;
  const cps = Array.from(ctx.text);
  const blocks: PreviewBlock[] = [];
  let cursor = 0;
  for (const s of ctx.spans) {
    // short contexts: the document text between evidence spans is shown as plain blocks
    if (ctx.kind === "short" && s.charStart > cursor) {
      const between = plain(cps.slice(cursor, s.charStart).join(""), blocks.at(-1)?.tokenEnd ?? 0, s.tokenStart);
      if (between.text) blocks.push(between); // two segments separated by a line break alone need no block between them
    }
    const text = cps.slice(s.charStart, s.charEnd).join("");
    blocks.push({ role: s.role, piece: s.piece, segmentId: s.segmentId, text, tokenStart: s.tokenStart, tokenEnd: s.tokenEnd,
      // highlights mark the answer and its support in the evidence only, never in source pieces or fillers
      marks: s.role === "evidence" ? marks(text, pair.answer, support) : [] });
    cursor = s.charEnd;
  }
  if (ctx.kind === "short" && cursor < cps.length) blocks.push(plain(cps.slice(cursor).join(""), blocks.at(-1)?.tokenEnd ?? 0, ctx.totalTokens));
  return {
    context: { id: ctx.id, runId: ctx.runId, kind: ctx.kind, seed: ctx.seed, targetTokens: ctx.targetTokens,
      totalTokens: ctx.totalTokens, tokenizer: ctx.tokenizer, evidenceDepths: ctx.evidenceDepths, chars: cps.length, tokenOffsets: ctx.tokenOffsets },
    pair: { ...pair, support },
    blocks,
    answerVerbatim: blocks.some((b) => b.marks.some((m) => m.kind === "answer")),
    history,
  };
}

function plain(text: string, tokenStart: number, tokenEnd: number): PreviewBlock {
  return { role: "text", piece: null, segmentId: null, text: text.replace(/^\n|\n$/g, ""), tokenStart, tokenEnd, marks: [] };
}

/**
 * Support quotes, and the answer where it stands verbatim (up to case, spacing and quote marks). The answer is never
 * approximated by the support sentence that best overlaps it: that boxed the whole sentence, not the answer.
 */
function marks(text: string, answer: string, support: string[]): Mark[] {
  const out: Mark[] = findSupportSpans(text, support).map((s) => ({ start: s.start, end: s.end, kind: "support" as const }));
  const a = findAnswerSpan(text, answer, support);
  if (a?.exact) out.push({ start: a.start, end: a.end, kind: "answer" });
  return out;
}
