import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { eligibleList, forgetKeptLists, type EligibleList } from "@/lib/contexts/filler-pool";
import { importFiles } from "@/lib/corpus/importer";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";

/**
 * Issue 14.2: a run reads its corpus's eligible filler list back (from this process or from filler_pool) instead
 * of sorting the corpus again, and gets exactly the list a fresh build gives: any change to the corpus's segments
 * or contaminated documents makes it build again.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-filler-pool-"));
const words = ["river", "market", "council", "harbour", "station", "garden", "bridge", "school", "museum", "tower"];
const doc = (i: number) => `report ${i}: ${Array.from({ length: 200 }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(" ")}.`;
let n = 0;
const importDocs = async (count: number) => {
  const f = path.join(dir, `f${n++}.jsonl`);
  fs.writeFileSync(f, Array.from({ length: count }, () => JSON.stringify({ text: doc(n * 1000 + count--) })).join("\n") + "\n");
  return (await importFiles({ corpus: "pool", files: [{ path: f }] })).corpusId;
};

/** What a fresh build gives: the query the list is built with, row by row. */
async function fresh(corpusId: number): Promise<number[][]> {
  const { rows } = await pool().query<{ id: number; documentId: number; tokenCount: number }>(
    `SELECT s.id, s.document_id AS "documentId", s.token_count AS "tokenCount" FROM segment s JOIN document d ON d.id = s.document_id
     WHERE s.corpus_id = $1 AND NOT d.contaminated ORDER BY d.sha256 COLLATE "C", s.index`, [corpusId]);
  return rows.map((r) => [r.id, r.documentId, r.tokenCount]);
}
const rowsOf = (l: EligibleList) => Array.from(l.ids, (id, i) => [id, l.documentIds[i]!, l.tokenCounts[i]!]);

let corpusId: number;
beforeAll(async () => {
  await useTestDatabase();
  corpusId = await importDocs(30);
});

describe("the eligible filler list", () => {
  it("is built once, then read back from this process and from the database, the same list each time", async () => {
    const built = await eligibleList(corpusId);
    expect(built.source).toBe("built");
    expect(rowsOf(built.list)).toEqual(await fresh(corpusId));
    expect(built.list.ids.length).toBeGreaterThanOrEqual(30);
    expect((await eligibleList(corpusId)).source).toBe("process");
    forgetKeptLists();
    const stored = await eligibleList(corpusId);
    expect(stored.source).toBe("database");
    expect(rowsOf(stored.list)).toEqual(rowsOf(built.list));
  });

  it("is built again when a document is marked contaminated, segments are added or removed", async () => {
    const changes = [
      () => pool().query(`UPDATE document SET contaminated = true WHERE id = (SELECT min(id) FROM document WHERE corpus_id = $1)`, [corpusId]),
      () => importDocs(3),
      () => pool().query(`DELETE FROM document WHERE id = (SELECT max(id) FROM document WHERE corpus_id = $1)`, [corpusId]),
    ];
    for (const change of changes) {
      const before = (await eligibleList(corpusId)).list.ids.length;
      await change();
      const after = await eligibleList(corpusId);
      expect(after.source).toBe("built");
      expect(after.list.ids.length).not.toBe(before);
      expect(rowsOf(after.list)).toEqual(await fresh(corpusId));
    }
  });

  it("keeps a split's list apart from the whole corpus's", async () => {
    const split = { seed: "s", bounds: [0.5, 1], index: 1 };
    const whole = await eligibleList(corpusId);
    const half = await eligibleList(corpusId, split);
    expect(half.source).toBe("built");
    expect(half.list.ids.length).toBeLessThan(whole.list.ids.length);
    forgetKeptLists();
    expect((await eligibleList(corpusId, split)).source).toBe("database");
    expect(rowsOf((await eligibleList(corpusId)).list)).toEqual(rowsOf(whole.list));
  });
});
