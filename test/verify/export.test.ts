import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { appContextStore } from "@/lib/export/contexts-adapter";
import { exportOptions } from "@/lib/export/params";
import { runExport } from "@/lib/export/run-export";
import { useTestDatabase } from "../support/db";
import { runGeneration, seedCorpus } from "../generate/helpers";
import { runVerification } from "./helpers";

let all: number[];
let passed: number[];
let failed: number;
const OFFLINE: NodeJS.ProcessEnv = { ...process.env, OPENAI_API_KEY: "" };

beforeAll(async () => {
  await useTestDatabase();
  const corpusId = await seedCorpus("verify-export");
  const g = await runGeneration({ type: "single", count: 40, corpusId, seed: 12, provider: "offline" });
  await pool().query(`UPDATE pair SET status = 'accepted' WHERE job_id = $1`, [g.id]);
  all = (await pool().query<{ id: number }>(`SELECT id FROM pair WHERE job_id = $1 ORDER BY id`, [g.id])).rows.map((r) => r.id);
  expect(all.length).toBeGreaterThanOrEqual(6);
  // verify all but two; make one of the verified pairs give its answer away, so it fails closed-book
  failed = all[0]!;
  const { rows } = await pool().query<{ question: string; support: string[] }>(`SELECT question, support FROM pair WHERE id = $1`, [failed]);
  await pool().query(`UPDATE pair SET question = $2 WHERE id = $1`, [failed, `${rows[0]!.support[0]} ${rows[0]!.question}`]);
  await runVerification({ pairIds: all.slice(0, -2), provider: "offline" }, OFFLINE);
  passed = (await pool().query<{ id: number }>(`SELECT id FROM pair WHERE verification @> '{"passed": true}' ORDER BY id`)).rows.map((r) => r.id);
  // the offline reader passes offline pairs: all verified but the one whose question gives its answer away
  expect(passed.length).toBeGreaterThanOrEqual(all.length - 4);
  expect(passed).not.toContain(failed);
});

describe("export --verified", () => {
  it("keeps only pairs that passed every check, and the manifest counts the others by verdict", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-verify-export-"));
    const plain = await runExport({ options: exportOptions.parse({ format: "raw", gzip: false }), out: path.join(dir, "all.jsonl"), store: appContextStore });
    const r = await runExport({ options: exportOptions.parse({ format: "raw", gzip: false, verified: true }), out: path.join(dir, "verified.jsonl"), store: appContextStore });
    const ids = fs.readFileSync(r.out, "utf8").trim().split("\n").map((l) => (JSON.parse(l) as { id: number }).id).sort((a, b) => a - b);
    expect(plain.rows).toBe(all.length);
    expect(ids).toEqual(passed);
    expect(r.manifest.left_out).toMatchObject({ "verification: answerable_without_context": 1, "verification: unverified": 2 });
    expect(r.manifest.left_out_total).toBe(all.length - passed.length);
  });
});
