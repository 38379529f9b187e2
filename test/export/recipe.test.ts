import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createAssemblyJobRow } from "@/lib/contexts/start";
import { assemblyRequest } from "@/lib/contexts/schemas";
import { RECIPE_DEFAULTS } from "@/lib/contexts";
import { pool } from "@/lib/db/client";
import { appContextStore } from "@/lib/export/contexts-adapter";
import { ASSEMBLY_DEFAULTS, exportOptions, type ExportRequest } from "@/lib/export/params";
import { runExport } from "@/lib/export/run-export";
import { runJob } from "@/lib/jobs/runner";
import "@/lib/jobs/kinds";
import { useTestDatabase } from "../support/db";
import { readJsonl, seedExportData } from "./support";

/** Issue 11, point 1: an export honours its recipe, and its manifest records only what was applied. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-export-recipe-"));
const runCount = async () => (await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM assembly_run`)).rows[0]!.n;

async function exportTo(name: string, request: Partial<ExportRequest>) {
  return runExport({ options: exportOptions.parse({ format: "raw", statuses: ["accepted", "rejected", "flagged", "pending"], ...request }),
    out: path.join(dir, name), store: appContextStore, batchSize: 4 });
}

async function assemble(input: Record<string, unknown>): Promise<void> {
  const req = assemblyRequest.parse({ selection: { filter: {} }, ...input });
  const outcome = await runJob(await createAssemblyJobRow(req, 0), "test");
  expect(outcome.status, outcome.error).toBe("succeeded");
}

beforeAll(async () => {
  await useTestDatabase();
  await seedExportData(24);
});

describe("an export honours its recipe", () => {
  it("does not reuse 4K–12K contexts for an 8K export: it assembles what it asks, in one run for all pages", async () => {
    await assemble({ minTokens: 4096, maxTokens: 12288, shortRatio: 0.1, seed: "r1" });
    const before = await runCount();
    const r = await exportTo("max8k.jsonl", { seed: "r1", minTokens: 1024, maxTokens: 8192 - 4096 });
    const rows = readJsonl<{ type: string; context_tokens: number; seed: string }>(r.out);
    expect(rows.length).toBe(24);
    for (const x of rows) if (x.type !== "short") expect(x.context_tokens).toBeLessThanOrEqual(4096);
    expect(r.manifest.recipe).toMatchObject({ min_tokens: 1024, max_tokens: 4096, seed: "r1" });
    // 24 pairs in pages of 4: one new run, not six
    expect(await runCount()).toBe(before + 1);
    expect(r.manifest.runs).toHaveLength(1);
  });

  it("gives the same bytes whether the contexts were assembled first or by the export", async () => {
    const recipe = { minTokens: 1024, maxTokens: 4096, shortRatio: 0.25, seed: "same" };
    const during = await exportTo("during.jsonl", recipe);
    await pool().query(`DELETE FROM assembly_run`);
    await assemble(recipe);
    const runs = await runCount();
    const after = await exportTo("after.jsonl", recipe);
    expect(await runCount()).toBe(runs); // everything reused
    expect(after.sha256).toBe(during.sha256);
  });

  it("defaults agree: an export with no recipe options reuses an assembly made with none", async () => {
    expect(ASSEMBLY_DEFAULTS).toEqual(RECIPE_DEFAULTS);
    expect(assemblyRequest.parse({}).seed).toBe(ASSEMBLY_DEFAULTS.seed);
    await pool().query(`DELETE FROM assembly_run`);
    await assemble({ minTokens: ASSEMBLY_DEFAULTS.minTokens, maxTokens: ASSEMBLY_DEFAULTS.maxTokens });
    const runs = await runCount();
    const r = await exportTo("defaults.jsonl", {});
    expect(await runCount()).toBe(runs);
    expect(r.manifest.recipe).toMatchObject({ seed: ASSEMBLY_DEFAULTS.seed, min_tokens: 4096, max_tokens: 32768, short_ratio: 0.1 });
  });
});
