import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "@/lib/corpus/importer";
import { pool } from "@/lib/db/client";
import type { QualityFlag } from "@/lib/quality";
import { useTestDatabase } from "../support/db";
import { runGeneration, seedCorpus } from "./helpers";

beforeAll(async () => {
  await useTestDatabase();
});

async function flagsOf(jobId: number): Promise<{ id: number; question: string; flags: QualityFlag[] | null; score: number | null }[]> {
  const { rows } = await pool().query<{ id: number; question: string; flags: QualityFlag[] | null; score: number | null }>(
    `SELECT id, question, quality_flags AS flags, quality_score AS score FROM pair WHERE job_id = $1 ORDER BY id`, [jobId]);
  return rows;
}

describe("quality flags exist when a generated pair reaches the queue (issue 11.6)", () => {
  it("offline pairs of real news arrive checked, and none is flagged unsupported or misquoted", async () => {
    const corpusId = await seedCorpus("arrival");
    const job = await runGeneration({ type: "single", count: 20, corpusId, seed: 3, provider: "offline" });
    const pairs = await flagsOf(job.id);
    expect(pairs.length).toBeGreaterThan(10);
    for (const p of pairs) {
      expect(Array.isArray(p.flags)).toBe(true);
      expect(p.flags!.map((f) => f.code)).not.toContain("answer_unsupported");
      expect(p.flags!.map((f) => f.code)).not.toContain("support_not_found");
      expect(p.score).toBeGreaterThan(0);
    }
  });

  it("flags a near-duplicate of an earlier pair of the corpus on arrival, within one written batch and across jobs", async () => {
    const shared = "Mayor Jane Porter said the city would hire many new teachers soon, the council confirmed.";
    const docs = ["a plain opening line without any facts in it at all.", "another plain opening line, with nothing to ask."]
      .map((intro) => JSON.stringify({ text: `${intro}\n${shared}` }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-dup-"));
    fs.writeFileSync(path.join(dir, "dups.jsonl"), `${docs.join("\n")}\n`);
    const { corpusId } = await importFiles({ corpus: "dups", files: [{ path: path.join(dir, "dups.jsonl") }] });

    const job = await runGeneration({ type: "single", count: 2, corpusId, seed: 1, provider: "offline" });
    const [first, second] = await flagsOf(job.id);
    expect(first!.question).toBe(second!.question);
    expect(first!.flags!.map((f) => f.code)).not.toContain("near_duplicate");
    expect(second!.flags).toContainEqual(expect.objectContaining({ code: "near_duplicate", reason: `Nearly the same question as pair #${first!.id}.` }));

    // another corpus with the same sentence: its pairs are not duplicates of this corpus's
    fs.writeFileSync(path.join(dir, "other.jsonl"), `${JSON.stringify({ text: `one more plain line, nothing here.\n${shared}` })}\n`);
    const other = await importFiles({ corpus: "dups-2", files: [{ path: path.join(dir, "other.jsonl") }] });
    const job2 = await runGeneration({ type: "single", count: 1, corpusId: other.corpusId, seed: 1, provider: "offline" });
    const [third] = await flagsOf(job2.id);
    expect(third!.flags!.map((f) => f.code)).not.toContain("near_duplicate");
  });
});
