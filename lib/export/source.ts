import { pool } from "@/lib/db/client";
import { exclusionReasonSql } from "@/lib/verify/predicate";
import { getTokenizer } from "@/lib/tokenize";
import { exampleTokens } from "./example-tokens";
import type { ExportOptions, ExportType, PairStatus } from "./params";
import type { ContextSession, ContextStore, ExportRecord } from "./types";

interface PairRow {
  id: number; key: string | null; documentKey: string; type: "single" | "multi"; status: PairStatus; question: string; answer: string; support: unknown;
  edited: boolean; reviewer: string | null; provider: string; model: string; promptVersion: string; documentId: number; url: string | null;
  /** with --verified: why the pair's verification keeps it out (a verdict code, "unverified"), null when it passed */
  verifyOut: string | null;
}

/** One keyset page: the records it produced, the last pair id it scanned, how many it scanned, and why others were left out. */
export interface Batch { records: ExportRecord[]; lastId: number; scanned: number; leftOut: Record<string, number> }

/**
 * Where the next page starts. Pages go by the pair's content key (unique, and the same in any database that holds the
 * same content), so row order never depends on the order generation committed pairs in; pairs without a key (none
 * are made today: a fallback for hand-inserted rows) come last, by id.
 */
interface Cursor { key: string | null; id: number; keyed: boolean }

// `short` is a context kind, not a pair type: any pair may end up short, so it narrows nothing before assembly.
function pairTypes(o: ExportOptions): string[] {
  if (!o.types.length || o.types.includes("short")) return ["single", "multi"];
  return o.types.filter((t) => t !== "short");
}

const WHERE = `p.status::text = ANY($1::text[]) AND p.type::text = ANY($2::text[]) AND ($3::int IS NULL OR p.corpus_id = $3)`;

/** How many pairs the selection scans (the job's progress total). */
export async function countCandidates(o: ExportOptions): Promise<number> {
  const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair p WHERE ${WHERE}`,
    [o.statuses, pairTypes(o), o.corpusId ?? null]);
  return rows[0]?.n ?? 0;
}

const PAIR_COLUMNS = (o: ExportOptions) => `p.id, p.key, d.sha256 AS "documentKey", p.type::text AS type, p.status::text AS status, p.question, p.answer, p.support, p.edited,
       u.name AS reviewer, p.provider, p.model, p.prompt_version AS "promptVersion", p.document_id AS "documentId",
       d.meta->>'url' AS url, ${o.verified ? exclusionReasonSql("p") : "NULL::text"} AS "verifyOut"
     FROM pair p JOIN document d ON d.id = p.document_id LEFT JOIN app_user u ON u.id = p.reviewer_id`;

// The unique index on pair.key serves the keyed walk; the database is created with --locale=C, so its default
// collation orders keys bytewise, as everywhere else content keys are compared.
async function pairPage(o: ExportOptions, after: Cursor, limit: number): Promise<PairRow[]> {
  const base = [o.statuses, pairTypes(o), o.corpusId ?? null];
  if (after.keyed) {
    const { rows } = await pool().query<PairRow>(
      `SELECT ${PAIR_COLUMNS(o)} WHERE ${WHERE} AND p.key IS NOT NULL AND ($4::text IS NULL OR p.key > $4) ORDER BY p.key LIMIT $5`,
      [...base, after.key, limit]);
    if (rows.length) return rows;
    after = { key: null, id: 0, keyed: false };
  }
  const { rows } = await pool().query<PairRow>(
    `SELECT ${PAIR_COLUMNS(o)} WHERE ${WHERE} AND p.key IS NULL AND p.id > $4 ORDER BY p.id LIMIT $5`, [...base, after.id, limit]);
  return rows;
}

async function enrich(o: ExportOptions, session: ContextSession, store: ContextStore, scannedPairs: PairRow[]): Promise<Batch> {
  // --verified: pairs a model check failed (or that no model checked) are counted and never assembled
  const pairs = scannedPairs.filter((p) => !p.verifyOut);
  const { contextOf, leftOut } = await session.resolve(pairs.map((p) => p.id));
  const contexts = await store.load([...new Set(contextOf.values())]);
  const records: ExportRecord[] = [];
  const counts: Record<string, number> = {};
  const out = (reason: string) => void (counts[reason] = (counts[reason] ?? 0) + 1);
  for (const p of scannedPairs) if (p.verifyOut) out(`verification: ${p.verifyOut}`);
  for (const p of pairs) {
    const contextId = contextOf.get(p.id);
    const context = contextId === undefined ? undefined : contexts.get(contextId);
    if (!context) {
      out(leftOut.get(p.id) ?? "unassembled");
      continue;
    }
    const type: ExportType = context.kind === "short" ? "short" : p.type;
    if (o.types.length && !o.types.includes(type)) continue;
    const tokens = exampleTokens(await getTokenizer(context.tokenizer), o.format, context, p.question, p.answer);
    if (o.maxExampleTokens !== undefined && tokens > o.maxExampleTokens) {
      out("example_too_long");
      continue;
    }
    records.push({
      id: p.id, key: p.key, type, question: p.question, answer: p.answer, support: Array.isArray(p.support) ? p.support.map(String) : [],
      status: p.status, edited: p.edited, reviewer: p.reviewer, provider: p.provider, model: p.model, promptVersion: p.promptVersion,
      documentId: p.documentId, documentKey: p.documentKey, url: p.url, context, exampleTokens: tokens,
    });
  }
  return { records, lastId: scannedPairs.at(-1)!.id, scanned: scannedPairs.length, leftOut: counts };
}

/**
 * The selected pairs in pair key order (content only, never ids), one keyset page at a time, with their contexts (recipe-matched, assembled
 * now in the session's one run when missing). Up to `ahead` pages load while the caller writes the current one, so Postgres (another process, often
 * another core) and the formatting work side by side; memory holds at most ahead + 1 pages, whatever the export's size. Four, not two: with two,
 * the formatting waited 0.8–1.3 s of a 2.7 s raw export for pages (PostgreSQL on the same two cores), with four 0.1–0.9 s.
 */
export async function* exportBatches(o: ExportOptions, session: ContextSession, store: ContextStore, batchSize = 64, ahead = 4): AsyncGenerator<Batch> {
  const queue: Promise<Batch>[] = [];
  let after: Cursor = { key: null, id: 0, keyed: true };
  let exhausted = false;
  // pair pages are sequential (each starts after the last key of the previous one) and contexts load in parallel, all
  // beside the caller's formatting: the next pair page is never awaited before handing over a batch (it was: ~15 ms
  // a page of the main thread idle, a sixth of a raw export's wall time)
  // the first pages are smaller (a quarter, a half), so formatting starts while the pipeline fills: the first full
  // page arrived ~300 ms into an export, four of them loading at once
  let pages = 0;
  const fill = async () => {
    while (!exhausted && queue.length < ahead) {
      const size = pages < 2 ? Math.max(1, Math.ceil(batchSize / (4 >> pages++))) : batchSize;
      const pairs = await pairPage(o, after, size);
      if (!pairs.length) {
        exhausted = true;
        return;
      }
      const last = pairs.at(-1)!;
      after = last.key === null ? { key: null, id: last.id, keyed: false } : { key: last.key, id: last.id, keyed: true };
      const batch = enrich(o, session, store, pairs);
      batch.catch(() => {}); // observed when its turn comes; never an unhandled rejection meanwhile
      queue.push(batch);
    }
  };
  let filling = fill();
  for (;;) {
    if (!queue.length) {
      await filling; // a failed pair page surfaces here
      if (!queue.length) return;
    }
    const batch = await queue.shift()!;
    filling = filling.then(fill);
    filling.catch(() => {}); // observed when the queue runs dry
    yield batch;
  }
}
