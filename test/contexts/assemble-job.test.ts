import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createAssemblyJobRow } from "@/lib/contexts/start";
import { assemblyRequest, type AssemblyRequestInput } from "@/lib/contexts/schemas";
import { loadContextTexts } from "@/lib/contexts";
import { balanceStats } from "@/lib/contexts/balance";
import type { RunSummary } from "@/lib/contexts/run";
import { pool } from "@/lib/db/client";
import { getJob } from "@/lib/jobs/jobs";
import { runJob } from "@/lib/jobs/runner";
import "@/lib/jobs/kinds";
import { getTokenizer } from "@/lib/tokenize";
import { useTestDatabase } from "../support/db";
import { importDemo, seedAssemblyPairs } from "./support";

const BASE = { minTokens: 4096, maxTokens: 12288, shortRatio: 0.1, seed: "s1" };
let ids: number[] = [];

beforeAll(async () => {
  await useTestDatabase();
  ids = await seedAssemblyPairs(await importDemo(), 60);
});

async function assemble(input: AssemblyRequestInput): Promise<RunSummary> {
  const req = assemblyRequest.parse(input);
  const jobId = await createAssemblyJobRow(req, 0);
  const outcome = await runJob(jobId, "test");
  expect(outcome.status, outcome.error).toBe("succeeded");
  return (await getJob(jobId)).result as RunSummary;
}

async function contextsOf(runId: number) {
  const { rows } = await pool().query<{ id: number }>(`SELECT id FROM context WHERE run_id = $1 ORDER BY pair_id`, [runId]);
  return loadContextTexts(rows.map((r) => r.id));
}

async function segmentDocs(segmentIds: number[]): Promise<Map<number, { documentId: number; text: string }>> {
  const { rows } = await pool().query<{ id: number; documentId: number; text: string }>(
    `SELECT id, document_id AS "documentId", text FROM segment WHERE id = ANY($1::int[])`, [segmentIds]);
  return new Map(rows.map((r) => [r.id, r]));
}

describe("assemble job on the demo corpus", () => {
  let first: RunSummary;

  it("assembles every accepted pair within the bounds, with exact spans and no filler from an evidence document", async () => {
    first = await assemble(BASE);
    expect(first.requested).toBe(ids.length);
    // a shortfall names its reason (contaminated pairs, failure codes) instead of a bare count
    expect({ assembled: first.assembled, failures: first.failuresByCode }).toEqual({ assembled: ids.length, failures: {} });
    expect(first.short).toBeGreaterThan(0);
    const contexts = await contextsOf(first.runId);
    const tok = await getTokenizer("mistral");
    const segs = await segmentDocs(contexts.flatMap((c) => c.spans.map((s) => s.segmentId)));
    const { rows: evidence } = await pool().query<{ pairId: number; documentId: number }>(
      `SELECT pair_id AS "pairId", document_id AS "documentId" FROM pair_evidence UNION SELECT id, document_id FROM pair`);
    for (const c of contexts) {
      expect(tok.count(c.text)).toBe(c.totalTokens);
      const cps = Array.from(c.text);
      for (const s of c.spans) expect(cps.slice(s.charStart, s.charEnd).join("")).toBe(segs.get(s.segmentId)!.text);
      if (c.kind === "short") continue;
      expect(c.totalTokens).toBeGreaterThanOrEqual(BASE.minTokens);
      expect(c.totalTokens).toBeLessThanOrEqual(BASE.maxTokens);
      const evidenceDocs = new Set(evidence.filter((e) => e.pairId === c.pairId).map((e) => e.documentId));
      const fillers = c.spans.filter((s) => s.role === "filler");
      expect(fillers.length).toBeGreaterThan(5);
      for (const f of fillers) expect(evidenceDocs.has(f.documentId)).toBe(false);
      expect(c.spans.filter((s) => s.role === "evidence").length).toBeGreaterThan(0);
    }
  });

  it("gives the same contexts for the same seed and different ones for another seed", async () => {
    const again = await assemble(BASE);
    const other = await assemble({ ...BASE, seed: "s2" });
    const recipe = async (runId: number) => (await contextsOf(runId)).map((c) => JSON.stringify([c.pairId, c.kind, c.spans, c.totalTokens]));
    const [a, b, c] = [await recipe(first.runId), await recipe(again.runId), await recipe(other.runId)];
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it("marks documents sharing a 10-gram with an eval set, skips their pairs and never uses them as filler", async () => {
    const { rows } = await pool().query<{ documentId: number; pairId: number; text: string }>(
      `SELECT p.document_id AS "documentId", p.id AS "pairId", s.text FROM pair p JOIN pair_evidence e ON e.pair_id = p.id AND e.piece = 1
       JOIN segment s ON s.id = e.segment_id WHERE p.type = 'single' ORDER BY p.id LIMIT 1`);
    const target = rows[0]!;
    const words = target.text.split(/\s+/).filter((w) => /\w/.test(w));
    const evalFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "in2-eval-")), "eval.jsonl");
    // a 12-word run of a real document, inside an otherwise unrelated question
    fs.writeFileSync(evalFile, `${JSON.stringify({ question: `Quiz: ${words.slice(3, 15).join(" ")} — true or false?` })}\n`);
    const fillerBefore = await pool().query(`SELECT 1 FROM context c, jsonb_array_elements(c.spans) s WHERE (s->>'documentId')::int = $1 AND s->>'role' = 'filler'`, [target.documentId]);

    const run = await assemble({ ...BASE, seed: "s3", evalFiles: [evalFile] });
    const report = run.decontamination[0]!;
    // the new eval set was registered and every corpus re-checked before the run started
    const { rows: sets } = await pool().query<{ name: string }>(`SELECT name FROM eval_set`);
    expect(sets.map((x) => x.name)).toEqual(["eval.jsonl"]);
    expect(report.contaminatedTotal).toBeGreaterThanOrEqual(1);
    expect(run.contaminatedPairs).toBeGreaterThanOrEqual(1);
    const { rows: doc } = await pool().query<{ contaminated: boolean }>(`SELECT contaminated FROM document WHERE id = $1`, [target.documentId]);
    expect(doc[0]!.contaminated).toBe(true);
    const contexts = await contextsOf(run.runId);
    expect(contexts.some((c) => c.pairId === target.pairId)).toBe(false);
    for (const c of contexts) for (const s of c.spans) expect(s.documentId).not.toBe(target.documentId);
    // the document did serve as filler before it was marked, so the exclusion above is real
    expect(fillerBefore.rowCount ?? 0).toBeGreaterThan(0);
  });

  it("reports balance: lengths against uniform, depths per type, the mix against the paper's", async () => {
    const stats = await balanceStats(first.runId);
    expect(stats.contexts.total).toBe(ids.length);
    expect(stats.lengths.n).toBe(stats.contexts.long);
    expect(stats.lengths.bins[0]!.start).toBe(BASE.minTokens);
    expect(stats.depths.single.n + stats.depths.multi.n).toBeGreaterThan(stats.contexts.long);
    expect(stats.mix.map((m) => m.key)).toEqual(["single", "multi", "short"]);
    expect(stats.mix.reduce((s, m) => s + m.paper, 0)).toBeCloseTo(1);
    expect(stats.statuses.find((s) => s.status === "accepted")?.pairs).toBe(ids.length);
  });
});
