import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { importFiles } from "@/lib/corpus/importer";
import { insertPairs, type NewPair } from "@/lib/pairs/create";
import { useTestDatabase } from "../support/db";

/**
 * Pairs stored without a key (seeds, imports of reviewed data) get a content-derived "manual" key; exact
 * duplicates are numbered "#2", "#3", … Two transactions storing the same pair at the same time used to both see
 * the key free, and the later one failed with a raw pair_key_key violation. Now the later one waits for the
 * earlier one and takes the next number: both pairs are kept, with the same keys as when stored one after another.
 */
let seg: { id: number; documentId: number; key: string };
const QUESTION = "When did the harbour bridge open?";
const ANSWER = "In 1932.";
const manual = `single|KEY|manual:${crypto.createHash("sha256").update(`${QUESTION}\u001f${ANSWER}`).digest("hex")}`;
const base = () => manual.replace("KEY", seg.key);

beforeAll(async () => {
  await useTestDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-key-race-"));
  const file = path.join(dir, "one.jsonl");
  fs.writeFileSync(file, JSON.stringify({ text: "The harbour bridge opened in 1932 after eight years of work.\n\nIt carries eight lanes." }));
  await importFiles({ corpus: "key-race", files: [{ path: file }] });
  fs.rmSync(dir, { recursive: true, force: true });
  const { rows } = await pool().query<typeof seg>(
    `SELECT s.id, s.document_id AS "documentId", d.sha256 || ':' || s.index AS key FROM segment s JOIN document d ON d.id = s.document_id
     ORDER BY s.index LIMIT 1`);
  seg = rows[0]!;
});

const pair = (question = QUESTION): NewPair => ({
  type: "single", corpusId: 1, documentId: seg.documentId, question, answer: ANSWER, support: [],
  evidence: [{ piece: 1, segmentId: seg.id, documentId: seg.documentId }], provider: "seed", model: "m", promptVersion: "v1", original: null,
});

const keysOf = async (ids: number[]) =>
  (await pool().query<{ key: string }>(`SELECT key FROM pair WHERE id = ANY($1::int[]) ORDER BY key`, [ids])).rows.map((r) => r.key);

async function begin(): Promise<pg.PoolClient> {
  const client = await pool().connect();
  await client.query("BEGIN");
  return client;
}

/** Waits until some backend is blocked on a lock (the second transaction on the first one's key). */
async function untilBlocked(pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await pool().query<{ w: string | null }>(`SELECT wait_event_type AS w FROM pg_stat_activity WHERE pid = $1`, [pid]);
    if (rows[0]?.w === "Lock") return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`backend ${pid} never waited for a lock`);
}

describe("manual pair keys under concurrency", () => {
  it("a second transaction storing the same pair waits for the first, then takes the next number (no pair_key_key error)", async () => {
    await pool().query(`DELETE FROM pair`);
    const [a, b] = [await begin(), await begin()];
    try {
      const pidB = (await b.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0]!.pid;
      const idsA = await insertPairs([pair()], a); // holds the key's lock until it commits
      let settled = false;
      const second = insertPairs([pair()], b).finally(() => { settled = true; });
      await untilBlocked(pidB);
      expect(settled).toBe(false);
      await a.query("COMMIT");
      const idsB = await second; // before the fix: error: duplicate key value violates unique constraint "pair_key_key"
      await b.query("COMMIT");
      expect(await keysOf(idsA)).toEqual([base()]);
      expect(await keysOf(idsB)).toEqual([`${base()}#2`]);
    } finally {
      a.release();
      b.release();
    }
  });

  it("a first transaction that rolls back leaves its key to the waiting one", async () => {
    await pool().query(`DELETE FROM pair`);
    const [a, b] = [await begin(), await begin()];
    try {
      const pidB = (await b.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0]!.pid;
      await insertPairs([pair()], a);
      const second = insertPairs([pair()], b);
      await untilBlocked(pidB);
      await a.query("ROLLBACK");
      const idsB = await second;
      await b.query("COMMIT");
      expect(await keysOf(idsB)).toEqual([base()]);
    } finally {
      a.release();
      b.release();
    }
  });

  it("eight concurrent seeds of the same two pairs (each in its own transaction) all succeed with numbered keys", async () => {
    await pool().query(`DELETE FROM pair`);
    // the two keys in opposite orders in alternate batches: the per-key locks must not deadlock
    const other = "Since when does the bridge carry traffic?";
    const batches = Array.from({ length: 8 }, (_, i) => (i % 2 ? [pair(other), pair()] : [pair(), pair(other)]));
    const ids = (await Promise.all(batches.map((b) => insertPairs(b)))).flat();
    expect(ids).toHaveLength(16);
    const otherBase = base().replace(/manual:.*$/, `manual:${crypto.createHash("sha256").update(`${other}\u001f${ANSWER}`).digest("hex")}`);
    const numbered = (k: string) => [k, ...Array.from({ length: 7 }, (_, i) => `${k}#${i + 2}`)];
    expect(await keysOf(ids)).toEqual([...numbered(base()), ...numbered(otherBase)].sort());
  });

  it("the keys are those of the same pairs stored one after another, and continue after a migration-era \"#<id>\" key", async () => {
    await pool().query(`DELETE FROM pair`);
    const first = await insertPairs([pair(), pair()]);
    expect(await keysOf(first)).toEqual([base(), `${base()}#2`]);
    // the migration numbered older duplicates by pair id
    await pool().query(`UPDATE pair SET key = $1 WHERE id = $2`, [`${base()}#917`, first[1]]);
    const later = await insertPairs([pair()]);
    expect(await keysOf(later)).toEqual([`${base()}#918`]);
  });
});
