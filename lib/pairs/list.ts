import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { headlineSql } from "@/lib/search/highlight";
import { iso } from "./detail";
import { Params, pairWhere } from "./filter";
import { prepared } from "@/lib/db/prepared";
import { FILTER_KEYS, type PairFilter, type PairListQuery, type PairSort } from "./schemas";
import type { PairListItem } from "./types";

/** Each sort is a keyset over (key, id): any page is an index range scan, however deep. */
const SORTS: Record<PairSort, { key: string | null; cast: string; dir: "ASC" | "DESC" }> = {
  newest: { key: null, cast: "", dir: "DESC" },
  oldest: { key: null, cast: "", dir: "ASC" },
  score_asc: { key: "p.quality_score", cast: "float8", dir: "ASC" },
  score_desc: { key: "p.quality_score", cast: "float8", dir: "DESC" },
  updated: { key: "p.updated_at", cast: "timestamptz", dir: "DESC" },
};


/**
 * Keyset condition and ORDER BY for a sort. The cursor is "<key>|<id>" (or "<id>" for id sorts); the key is
 * carried as Postgres text so a timestamp survives the round trip exactly.
 */
export function keyset(sort: PairSort, after: string | undefined, params: Params): { cond: string; order: string; keySql: string } {
  const s = SORTS[sort];
  const op = s.dir === "ASC" ? ">" : "<";
  const order = s.key ? `${s.key} ${s.dir}, p.id ${s.dir}` : `p.id ${s.dir}`;
  const keySql = s.key ? `${s.key}::text` : "NULL::text";
  if (!after) return { cond: "TRUE", order, keySql };
  const bar = after.lastIndexOf("|");
  const id = Number(bar >= 0 ? after.slice(bar + 1) : after);
  if (!Number.isInteger(id) || (s.key && bar < 0)) throw new AppError("bad_request", "invalid page cursor");
  if (!s.key) return { cond: `p.id ${op} ${params.add(id)}`, order, keySql };
  return { cond: `(${s.key}, p.id) ${op} (${params.add(after.slice(0, bar))}::${s.cast}, ${params.add(id)}::int)`, order, keySql };
}

export function cursorOf(sortKey: string | null, id: number): string {
  return sortKey === null ? String(id) : `${sortKey}|${id}`;
}

export async function listPairs(q: PairListQuery): Promise<{ items: PairListItem[]; next: string | null }> {
  const limit = Math.min(q.limit ?? 100, 500);
  const params = new Params();
  const where = pairWhere(q, params);
  const ks = keyset(q.sort ?? "newest", q.after, params);
  const qParam = q.q?.trim() ? params.add(q.q.trim()) : null;
  const { rows } = await pool().query<PairListItem & { sortKey: string | null }>(prepared(
    // question and answer in full (a few hundred characters; a cut one read as a broken pair); when searching,
    // also marked copies so the table shows why a row matched (stemming included)
    `SELECT p.id, p.type, p.status, p.version, p.question, p.answer,
       ${qParam ? `${headlineSql("p.question", qParam, { all: true })} AS "questionHit", ${headlineSql("p.answer", qParam, { all: true })} AS "answerHit",` : ""}
       p.model, p.prompt_version AS "promptVersion", p.quality_score AS "qualityScore",
       ARRAY(SELECT f->>'code' FROM jsonb_array_elements(p.quality_flags) f) AS flags,
       p.edited, u.name AS "reviewerName", p.updated_at AS "updatedAt", ${ks.keySql} AS "sortKey"
     FROM pair p LEFT JOIN app_user u ON u.id = p.reviewer_id
     WHERE ${where} AND ${ks.cond} ORDER BY ${ks.order} LIMIT ${limit}`,
    params.values));
  const last = rows[rows.length - 1];
  return {
    items: rows.map(({ sortKey: _k, ...r }) => ({ ...r, updatedAt: iso(r.updatedAt) ?? "" })),
    next: rows.length === limit && last ? cursorOf(last.sortKey, last.id) : null,
  };
}

/** The filter keys the maintained `pair_count` counters are kept by (migration 20261201800000_pair_counts). */
const COUNTED_KEYS = new Set<keyof PairFilter>(["status", "type", "model", "promptVersion"]);

/**
 * Exact count for a filter: shown above the table and confirmed before a bulk action. A filter on status, type,
 * model and prompt version only is summed from the counters (a few hundred rows): counting the 1.2M pending pairs
 * of a 2M-pair review read 1.2M index entries per call. Any other condition counts the pairs (index-only scans).
 */
export async function countPairs(f: PairFilter): Promise<number> {
  const used = FILTER_KEYS.filter((k) => f[k] !== undefined && f[k] !== "");
  if (used.every((k) => COUNTED_KEYS.has(k))) return countFromCounters(f);
  const params = new Params();
  const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair p WHERE ${pairWhere(f, params)}`, params.values);
  return rows[0]?.n ?? 0;
}

async function countFromCounters(f: PairFilter): Promise<number> {
  const params = new Params();
  const c: string[] = [];
  if (f.status) c.push(`status = ${params.add(f.status)}::"PairStatus"`);
  if (f.type) c.push(`type = ${params.add(f.type)}::"PairType"`);
  if (f.model) c.push(`model = ${params.add(f.model)}`);
  if (f.promptVersion) c.push(`prompt_version = ${params.add(f.promptVersion)}`);
  const { rows } = await pool().query<{ n: number }>(
    `SELECT coalesce(sum(n), 0)::int AS n FROM pair_count WHERE ${c.length ? c.join(" AND ") : "TRUE"}`, params.values);
  return rows[0]?.n ?? 0;
}
