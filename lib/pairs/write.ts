import type pg from "pg";
import { AppError } from "@/lib/api/errors";
import { withTransaction } from "@/lib/db/client";
import { evidenceOf, getPair, PAIR_COLUMNS, withEvidenceOf, type PairRow, type Queryable } from "./detail";
import { prepared } from "@/lib/db/prepared";
import type { PairWriteResult } from "./types";

/**
 * The columns a change may touch, by the camelCase name used in event snapshots. An event stores the old and
 * new values of exactly the columns it changed (plus `version`), so undo is "apply `before` again".
 */
export const SNAPSHOT_COLUMNS = {
  status: { column: "status", cast: `"PairStatus"`, json: false },
  question: { column: "question", cast: "text", json: false },
  answer: { column: "answer", cast: "text", json: false },
  support: { column: "support", cast: "jsonb", json: true },
  edited: { column: "edited", cast: "boolean", json: false },
  qualityFlags: { column: "quality_flags", cast: "jsonb", json: true },
  qualityScore: { column: "quality_score", cast: "float8", json: false },
  reviewerId: { column: "reviewer_id", cast: "int", json: false },
  reviewedAt: { column: "reviewed_at", cast: "timestamptz", json: false },
} as const;
export type SnapshotKey = keyof typeof SNAPSHOT_COLUMNS;
export type Snapshot = Partial<Record<SnapshotKey, unknown>>;

const SELECT_SNAPSHOT = `SELECT id, version, status, question, answer, support, edited, quality_flags AS "qualityFlags",
  quality_score AS "qualityScore", reviewer_id AS "reviewerId", reviewed_at AS "reviewedAt", corpus_id AS "corpusId", type
  FROM pair WHERE id = $1 FOR UPDATE`;
export type LockedPair = Required<Snapshot> & { id: number; version: number; corpusId: number; type: "single" | "multi" };

/** Runs `fn` in a transaction holding the pair's row lock; a missing pair is a 404. */
export async function withLockedPair<T>(id: number, fn: (row: LockedPair, client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withTransaction(async (client) => {
    const { rows } = await client.query<LockedPair>(prepared(SELECT_SNAPSHOT, [id]));
    const row = rows[0];
    if (!row) throw new AppError("not_found", `pair ${id} does not exist`);
    return fn(row, client);
  });
}

/** The 409 every stale write gets: the pair as it is now, so the client can show the other change. */
export async function conflict(id: number, db: Queryable, message: string): Promise<never> {
  throw new AppError("conflict", message, { current: await getPair(id, db) });
}

/** Keeps only the keys whose value differs from the locked row (compared as JSON). */
export function changedOnly(row: LockedPair, next: Snapshot): { before: Snapshot; after: Snapshot } {
  const before: Snapshot = {};
  const after: Snapshot = {};
  for (const [k, v] of Object.entries(next) as [SnapshotKey, unknown][]) {
    if (JSON.stringify(norm(row[k])) === JSON.stringify(norm(v))) continue;
    before[k] = norm(row[k]);
    after[k] = norm(v);
  }
  return { before, after };
}

const norm = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v ?? null);

/** The pair columns PAIR_COLUMNS reads, returned by the UPDATE so the changed pair needs no second read. */
const RETURNED = `id, type, status, version, question, answer, support, edited, original, provider, model, prompt_version,
  quality_flags, quality_score, reviewer_id, reviewed_at, updated_at, corpus_id, document_id`;

/**
 * Applies a snapshot to the locked pair, bumps its version and records the event, all in the caller's
 * transaction. Returns the pair as it is now and the event id. The update, the event and the changed row are
 * one named statement (lib/db/prepared.ts; a decision's SET is always the same three columns, so its plan
 * is cached). `evidence`, when given, is the pair's evidence read before the transaction took its connection
 * (written with the pair, never changed; updatePair starts it alongside the lock): then the statement is the
 * only round trip where there were four (update, event, pair, evidence). Never read on a second connection while
 * this one is held: a full pool would deadlock.
 */
export async function applyChange(client: pg.PoolClient, row: LockedPair, kind: string, change: { before: Snapshot; after: Snapshot },
  actorId: number, extra: Record<string, unknown> = {}, evidence?: Promise<Awaited<ReturnType<typeof evidenceOf>>>): Promise<PairWriteResult> {
  const keys = Object.keys(change.after) as SnapshotKey[];
  if (!keys.length) return { pair: await getPair(row.id, client), eventId: null };
  const version = row.version + 1;
  const values: unknown[] = [row.id, actorId, kind, { ...change.before, version: row.version }, { ...change.after, ...extra, version }];
  const sets = keys.map((k) => {
    const c = SNAPSHOT_COLUMNS[k];
    const v = change.after[k];
    values.push(c.json ? JSON.stringify(v) : v);
    return `${c.column} = $${values.length}::${c.cast}`;
  });
  const { rows } = await client.query<PairRow & { eventId: number }>(prepared(
    `WITH changed AS (UPDATE pair SET ${sets.join(", ")}, version = version + 1, updated_at = now() WHERE id = $1::int RETURNING ${RETURNED}),
       event AS (INSERT INTO pair_event (pair_id, actor_id, kind, before, after) SELECT id, $2::int, $3::text, $4::jsonb, $5::jsonb FROM changed RETURNING id)
     SELECT ${PAIR_COLUMNS}, (SELECT id FROM event) AS "eventId" FROM changed p LEFT JOIN app_user u ON u.id = p.reviewer_id`, values));
  const { eventId, ...pair } = rows[0]!;
  const [detail] = await withEvidenceOf([pair], client, await evidence);
  return { pair: detail!, eventId };
}
