import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureContexts, loadContextTexts } from "@/lib/contexts";
import { balanceStats } from "@/lib/contexts/balance";
import { contextPreview } from "@/lib/contexts/preview";
import { pool } from "@/lib/db/client";
import { appContextStore } from "@/lib/export/contexts-adapter";
import { exportOptions } from "@/lib/export/params";
import { runExport } from "@/lib/export/run-export";
import { storeSuccesses } from "@/lib/generate/store";
import { segmentTexts } from "@/lib/generate/texts";
import { QUALITY_CHECKS } from "@/lib/quality";
import { useTestDatabase } from "../support/db";
import { readJsonl } from "../export/support";
import { importDemo } from "./support";

/**
 * Issue 11, point 4: the generator's `pieces` are kept. A multi item shown four segments whose answer needs pieces
 * 1 and 3 gets evidence 1 and 3 and sources 2 and 4, in the database, the contexts, the preview and the export; a
 * multi reply needing one piece is stored and flagged multi_few_pieces.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-roles-"));
let twoPieces: number;
let onePiece: number;

function sentence(text: string): string {
  return text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).find((s) => s.split(/\s+/).length >= 8) ?? text.slice(0, 80);
}

async function storeMulti(segmentIds: number[], pieces: number[], tag: string): Promise<number> {
  const { rows: [job] } = await pool().query<{ id: number }>(`INSERT INTO job (kind, params) VALUES ('generate', '{}') RETURNING id`);
  const { rows: [item] } = await pool().query<{ id: number }>(
    `INSERT INTO generation_item (job_id, key, type, segment_ids) VALUES ($1, $2, 'multi', $3) RETURNING id`, [job!.id, `multi|${tag}`, segmentIds]);
  const texts = await segmentTexts(segmentIds);
  const segments = segmentIds.map((id) => texts.get(id)!);
  const support = pieces.map((p) => sentence(segments[p - 1]!.text));
  await storeSuccesses([{
    itemId: item!.id, jobId: job!.id, type: "multi", segments, provider: "offline", model: "test", promptVersion: "v", original: {},
    qa: { question: `How do the two reports about ${tag} relate to each other?`, answer: support.join(" "), support, pieces },
    usage: { promptTokens: 0, completionTokens: 0 }, costUsd: 0, attempts: 1,
  }]);
  const { rows: [pair] } = await pool().query<{ id: number }>(`SELECT pair_id AS id FROM generation_item WHERE id = $1`, [item!.id]);
  await pool().query(`UPDATE pair SET status = 'accepted' WHERE id = $1`, [pair!.id]);
  return pair!.id;
}

beforeAll(async () => {
  await useTestDatabase();
  const corpusId = await importDemo();
  const { rows } = await pool().query<{ documentId: number; ids: number[] }>(
    `SELECT document_id AS "documentId", array_agg(id ORDER BY index) AS ids FROM segment WHERE corpus_id = $1
     GROUP BY document_id HAVING count(*) = 4 ORDER BY document_id LIMIT 2`, [corpusId]);
  twoPieces = await storeMulti(rows[0]!.ids, [1, 3], "a");
  onePiece = await storeMulti(rows[1]!.ids, [2], "b");
});

describe("multi-hop evidence is what the answer needs", () => {
  it("keeps the generator's pieces: needed pieces are evidence, the others are not, and one needed piece is flagged", async () => {
    const { rows } = await pool().query<{ pairId: number; needed: boolean[] }>(
      `SELECT pair_id AS "pairId", array_agg(needed ORDER BY piece) AS needed FROM pair_evidence GROUP BY 1 ORDER BY 1`);
    expect(rows).toEqual([{ pairId: twoPieces, needed: [true, false, true, false] }, { pairId: onePiece, needed: [false, true, false, false] }]);
    const { rows: flags } = await pool().query<{ id: number; codes: string[] }>(
      `SELECT id, ARRAY(SELECT f->>'code' FROM jsonb_array_elements(quality_flags) f) AS codes FROM pair ORDER BY id`);
    expect(flags.find((f) => f.id === onePiece)!.codes).toContain("multi_few_pieces");
    expect(flags.find((f) => f.id === twoPieces)!.codes).not.toContain("multi_few_pieces");
    expect(QUALITY_CHECKS.some((c) => c.code === "multi_few_pieces")).toBe(true);
  });

  it("puts sources in the context as their own role; depths, highlights and charts use evidence only", async () => {
    const contexts = await ensureContexts([twoPieces], { minTokens: 2048, maxTokens: 4096, shortRatio: 0, seed: "roles" });
    const [ctx] = await loadContextTexts([contexts.get(twoPieces)!]);
    const roleOf = (piece: number) => ctx!.spans.find((s) => s.piece === piece)?.role;
    expect([1, 2, 3, 4].map(roleOf)).toEqual(["evidence", "source", "evidence", "source"]);
    expect(ctx!.evidenceDepths).toHaveLength(2);
    const filler = ctx!.spans.filter((s) => s.role === "filler");
    expect(filler.length).toBeGreaterThan(3);

    const preview = await contextPreview(twoPieces);
    const sources = preview.blocks.filter((b) => b.role === "source");
    expect(sources.map((b) => b.piece)).toEqual(expect.arrayContaining([2, 4]));
    for (const b of sources) expect(b.marks).toEqual([]);
    expect(preview.blocks.filter((b) => b.role === "evidence").some((b) => b.marks.length > 0)).toBe(true);

    const stats = await balanceStats(null);
    expect(stats.depths.multi.n).toBe(2);

    const r = await runExport({ options: exportOptions.parse({ format: "raw", seed: "roles", minTokens: 2048, maxTokens: 4096, shortRatio: 0 }),
      out: path.join(dir, "roles.jsonl"), store: appContextStore });
    const [row] = readJsonl<{ id: number; segments: { role: string; piece: number | null }[]; evidence_depths: number[] }>(r.out)
      .filter((x) => x.id === twoPieces);
    expect(row!.segments.filter((s) => s.piece !== null).map((s) => [s.piece, s.role]).sort()).toEqual(
      [[1, "evidence"], [2, "source"], [3, "evidence"], [4, "source"]]);
    expect(row!.evidence_depths).toHaveLength(2);
  });
});
