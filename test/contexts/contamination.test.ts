import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addEvalSet } from "@/lib/contexts";
import { pool } from "@/lib/db/client";
import { appContextStore } from "@/lib/export/contexts-adapter";
import { exportOptions } from "@/lib/export/params";
import { runExport } from "@/lib/export/run-export";
import { selectCandidates } from "@/lib/generate/select";
import { resolveRequest } from "@/lib/generate/params";
import { runJob } from "@/lib/jobs/runner";
import "@/lib/jobs/kinds";
import { useTestDatabase } from "../support/db";
import { readJsonl } from "../export/support";
import { importDemo, seedAssemblyPairs } from "./support";

/**
 * Issue 11, point 5: documents are checked against the active eval sets (10-gram) at import and whenever an eval
 * set is added; contaminated documents are never selected nor fillers; their pairs are left out of exports and
 * counted by reason; the eval-set fingerprint is part of the recipe.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-contamination-"));
const RECIPE = { minTokens: 2048, maxTokens: 4096, shortRatio: 0, seed: "dc" };
let corpusId: number;
let ids: number[];

const twelveWords = (text: string) => text.split(/\s+/).filter((w) => /\w/.test(w)).slice(3, 15).join(" ");
const evalFile = (name: string, texts: string[]) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, texts.map((t) => JSON.stringify({ question: `Quiz: ${t} — true or false?`, answer: "true" })).join("\n") + "\n");
  return f;
};
const exportRaw = (name: string, extra: Record<string, unknown> = {}) =>
  runExport({ options: exportOptions.parse({ format: "raw", ...RECIPE, ...extra }), out: path.join(dir, name), store: appContextStore, batchSize: 8 });

beforeAll(async () => {
  await useTestDatabase();
  corpusId = await importDemo();
  ids = await seedAssemblyPairs(corpusId, 24);
});

describe("contamination is enforced everywhere", () => {
  it("an added eval set marks documents of every corpus; their pairs leave exports, counted, and the recipe changes", async () => {
    const before = await exportRaw("before.jsonl");
    expect(before.rows).toBe(ids.length);
    const { rows: targets } = await pool().query<{ pairId: number; documentId: number; text: string }>(
      `SELECT p.id AS "pairId", p.document_id AS "documentId", s.text FROM pair p JOIN pair_evidence e ON e.pair_id = p.id AND e.piece = 1
       JOIN segment s ON s.id = e.segment_id WHERE p.type = 'single' ORDER BY p.id LIMIT 2`);
    // a document that is no pair's, but served as filler before
    const { rows: [filler] } = await pool().query<{ documentId: number; text: string }>(
      `SELECT (s->>'documentId')::int AS "documentId", seg.text FROM context c, jsonb_array_elements(c.spans) s
       JOIN segment seg ON seg.id = (s->>'segmentId')::int
       WHERE s->>'role' = 'filler' AND (s->>'documentId')::int NOT IN (SELECT document_id FROM pair) LIMIT 1`);
    const added = await addEvalSet(evalFile("eval.jsonl", [...targets.map((t) => twelveWords(t.text)), twelveWords(filler!.text)]));
    expect(added.added).toBe(true);
    const marked = (await pool().query<{ id: number }>(`SELECT id FROM document WHERE contaminated ORDER BY id`)).rows.map((r) => r.id);
    expect(marked).toEqual(expect.arrayContaining([...targets.map((t) => t.documentId), filler!.documentId]));

    const after = await exportRaw("after.jsonl");
    const rows = readJsonl<{ id: number; segments: { document_id: number }[] }>(after.out);
    expect(rows.map((r) => r.id)).not.toContain(targets[0]!.pairId);
    expect(after.manifest.left_out.contaminated).toBe(2);
    expect(after.rows).toBe(ids.length - 2);
    for (const r of rows) for (const s of r.segments) expect(marked).not.toContain(s.document_id);
    // the fingerprint is part of the recipe: nothing assembled under the old eval sets was reused
    expect(after.manifest.recipe.eval_fingerprint).not.toBe(before.manifest.recipe.eval_fingerprint);
    expect(after.manifest.runs.map((r: { id: number }) => r.id)).not.toEqual(before.manifest.runs.map((r: { id: number }) => r.id));

    // exporting the old run as it was: its contexts that used the now-contaminated filler are left out, counted
    const old = await runExport({ options: exportOptions.parse({ format: "raw", runId: before.manifest.runs[0]!.id }),
      out: path.join(dir, "old-run.jsonl"), store: appContextStore });
    expect(old.manifest.left_out.contaminated_filler).toBeGreaterThan(0);
    expect(old.manifest.recipe.eval_fingerprint).toBe(before.manifest.recipe.eval_fingerprint);
    expect(old.manifest.recipe.active_eval_fingerprint).toBe(after.manifest.recipe.eval_fingerprint);
    for (const r of readJsonl<{ segments: { document_id: number }[] }>(old.out)) for (const s of r.segments) expect(marked).not.toContain(s.document_id);

    // and generation never selects them
    const cands = await selectCandidates(pool(), resolveRequest({ type: "single", count: 100_000, corpusId, provider: "offline" }) as never);
    const { rows: segDocs } = await pool().query<{ documentId: number }>(
      `SELECT DISTINCT document_id AS "documentId" FROM segment WHERE id = ANY($1::int[])`, [cands.flatMap((c) => c.segmentIds)]);
    expect(segDocs.map((r) => r.documentId).filter((d) => marked.includes(d))).toEqual([]);
  });

  it("an import checks its documents against the active eval sets", async () => {
    const text = "The harbour council voted on Tuesday to rebuild the old stone bridge across the river before the spring floods arrive in town.";
    await addEvalSet(evalFile("eval2.jsonl", [text.split(" ").slice(2, 14).join(" ")]));
    const corpus = path.join(dir, "new.jsonl");
    fs.writeFileSync(corpus, [JSON.stringify({ text }), JSON.stringify({ text: "A clean document about something else entirely, long enough to stand alone." })].join("\n") + "\n");
    const { rows: [job] } = await pool().query<{ id: number }>(
      `INSERT INTO job (kind, params) VALUES ('import', $1) RETURNING id`, [JSON.stringify({ corpus: "fresh", files: [{ path: corpus, name: "new.jsonl" }] })]);
    const outcome = await runJob(job!.id, "test");
    expect(outcome.status, outcome.error).toBe("succeeded");
    const { rows } = await pool().query<{ text: string; contaminated: boolean }>(
      `SELECT d.text, d.contaminated FROM document d JOIN corpus c ON c.id = d.corpus_id WHERE c.name = 'fresh' ORDER BY d.id`);
    expect(rows.map((r) => r.contaminated)).toEqual([true, false]);
  });
});
