import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { createJobRow } from "@/lib/generate/job-row";
import { builtinSystem, PROMPT_VERSION } from "@/lib/generate/prompts";
import { prepareGeneration } from "@/lib/generate/start";
import { getJob } from "@/lib/jobs/jobs";
import { runJob } from "@/lib/jobs/runner";
import "@/lib/jobs/kinds";
import { promptComparison } from "@/lib/prompts/comparison";
import { dryRun } from "@/lib/prompts/dry-run";
import { getPromptVersion, listPromptVersions, savePromptVersion } from "@/lib/prompts/versions";
import { runCli } from "../support/cli";
import { useTestDatabase } from "../support/db";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai";
import { seedCorpus } from "../generate/helpers";

let fake: FakeOpenAi;
let corpusId: number;
let url: string;
const TEXT_A = `${builtinSystem("single")}\nPrefer questions about numbers and dates.`;
const TEXT_B = `${builtinSystem("single")}\nPrefer questions about people and places.`;

beforeAll(async () => {
  url = await useTestDatabase();
  corpusId = await seedCorpus();
  fake = await startFakeOpenAi();
  process.env.OPENAI_API_KEY = "test-key";
  process.env.OPENAI_BASE_URL = fake.url;
});
afterAll(() => fake.close());

const generate = async (promptVersion: string | undefined, seed: number) => {
  const p = await prepareGeneration({ type: "single", count: 6, corpusId, seed, provider: "openai", model: "gpt-4o-mini", promptVersion, backoffBaseMs: 5 });
  const id = await createJobRow(p);
  await runJob(id, "test-worker");
  return getJob(id);
};

describe("prompt versions", () => {
  it("are immutable: an edit is a new version, the same text is the same version, old versions stay readable", async () => {
    const a = await savePromptVersion({ name: "numbers", type: "single", text: TEXT_A }, null);
    expect(a).toMatchObject({ created: true, name: "numbers", type: "single", text: TEXT_A });
    expect(a.version).toMatch(/^numbers@[0-9a-f]{10}$/);
    expect((await savePromptVersion({ name: "numbers", type: "single", text: TEXT_A }, null))).toMatchObject({ version: a.version, created: false });
    const b = await savePromptVersion({ name: "numbers", type: "single", text: TEXT_B }, null);
    expect(b.version).not.toBe(a.version);
    await expect(pool().query(`UPDATE prompt_version SET text = 'changed' WHERE version = $1`, [a.version])).rejects.toThrow(/immutable/);
    expect((await getPromptVersion(a.version)).text).toBe(TEXT_A);
    const all = await listPromptVersions();
    expect(all.filter((v) => v.builtin).map((v) => v.version)).toEqual([PROMPT_VERSION, PROMPT_VERSION]);
    expect(all.filter((v) => !v.builtin).map((v) => v.version)).toEqual([b.version, a.version]);
  });

  it("each pair keeps the version it was written with; the model got that version's text; the comparison splits by version", async () => {
    const a = await getPromptVersion((await savePromptVersion({ name: "numbers", type: "single", text: TEXT_A }, null)).version);
    fake.requests.length = 0;
    const jobA = await generate(a.version, 1);
    expect(jobA.status).toBe("succeeded");
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests.every((r) => r.system === TEXT_A)).toBe(true);
    fake.requests.length = 0;
    const jobB = await generate(undefined, 2);
    expect(fake.requests.every((r) => r.system === builtinSystem("single"))).toBe(true);
    const { rows } = await pool().query<{ job: number; pv: string }>(`SELECT job_id AS job, prompt_version AS pv FROM pair WHERE job_id = ANY($1::int[])`, [[jobA.id, jobB.id]]);
    expect(rows.filter((r) => r.job === jobA.id).every((r) => r.pv === a.version)).toBe(true);
    expect(rows.filter((r) => r.job === jobB.id).every((r) => r.pv === PROMPT_VERSION)).toBe(true);
    // saving a newer version later never rewrites what existing pairs name
    await savePromptVersion({ name: "numbers", type: "single", text: `${TEXT_A}\nOne more rule.` }, null);
    const again = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair WHERE job_id = $1 AND prompt_version = $2`, [jobA.id, a.version]);
    expect(again.rows[0]!.n).toBe(rows.filter((r) => r.job === jobA.id).length);

    // decide some of version A's pairs: 3 accepted, 1 rejected
    const ids = (await pool().query<{ id: number }>(`SELECT id FROM pair WHERE job_id = $1 ORDER BY id`, [jobA.id])).rows.map((r) => r.id);
    await pool().query(`UPDATE pair SET status = CASE WHEN id = $2 THEN 'rejected' ELSE 'accepted' END::"PairStatus" WHERE id = ANY($1::int[])`, [ids.slice(0, 4), ids[3]]);
    const cmp = await promptComparison();
    const rowA = cmp.find((r) => r.promptVersion === a.version && r.model === "gpt-4o-mini")!;
    const cost = (await pool().query<{ usd: number }>(`SELECT sum(cost_usd)::float8 AS usd FROM generation_item WHERE job_id = $1`, [jobA.id])).rows[0]!.usd;
    expect(rowA).toMatchObject({ pairs: ids.length, accepted: 3, rejected: 1, decided: 4, acceptRate: 0.75 });
    expect(rowA.low).toBeCloseTo(0.3006, 3); // Wilson 3/4 at 95%
    expect(rowA.usdPerAccepted).toBeCloseTo(cost / 3, 10);
    expect(rowA.meanTokens).toBeGreaterThan(0);
    expect(cmp.find((r) => r.promptVersion === PROMPT_VERSION)).toMatchObject({ accepted: 0, acceptRate: null });
  });

  it("refuses an unknown version or one of another type before any job exists", async () => {
    await expect(prepareGeneration({ type: "single", count: 2, corpusId, provider: "openai", promptVersion: "nope@123" })).rejects.toThrow(/no prompt version/);
    const multi = await savePromptVersion({ name: "hops", type: "multi", text: builtinSystem("multi") + "\nBe brief." }, null);
    await expect(prepareGeneration({ type: "single", count: 2, corpusId, provider: "openai", promptVersion: multi.version })).rejects.toThrow(/is a multi prompt/);
  });

  it("dry-runs an unsaved prompt on 5 sampled segments with replies and cost", async () => {
    fake.requests.length = 0;
    const r = await dryRun({ type: "single", text: TEXT_B, seed: "9", corpusId });
    expect(r.replies).toHaveLength(5);
    expect(r.model).toBe("gpt-4o-mini");
    expect(r.replies.every((x) => x.ok && x.promptTokens > 0)).toBe(true);
    expect(r.totalCostUsd).toBeGreaterThan(0);
    expect(fake.requests.filter((x) => x.system === TEXT_B)).toHaveLength(5);
    // the same seed samples the same segments; nothing is stored
    expect((await dryRun({ type: "single", text: TEXT_B, seed: "9", corpusId })).replies.map((x) => x.segmentIds)).toEqual(r.replies.map((x) => x.segmentIds));
    const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair WHERE prompt_version LIKE 'dry%'`);
    expect(rows[0]!.n).toBe(0);
  });

  it("dry-runs a multi prompt on the first pieces of 5 seeded documents, the same ones for the same seed", async () => {
    const r = await dryRun({ type: "multi", text: builtinSystem("multi"), seed: "4", corpusId });
    expect(r.replies).toHaveLength(5);
    expect(r.replies.every((x) => x.segmentIds.length >= 2)).toBe(true);
    // each input is one document's segments in order
    for (const x of r.replies) {
      const { rows } = await pool().query<{ d: number; i: number }>(`SELECT document_id AS d, index AS i FROM segment WHERE id = ANY($1::int[]) ORDER BY index`, [x.segmentIds]);
      expect(new Set(rows.map((s) => s.d)).size).toBe(1);
      expect(rows.map((s) => s.i)).toEqual(rows.map((_, k) => k));
    }
    expect((await dryRun({ type: "multi", text: builtinSystem("multi"), seed: "4", corpusId })).replies.map((x) => x.segmentIds)).toEqual(r.replies.map((x) => x.segmentIds));
    expect((await dryRun({ type: "multi", text: builtinSystem("multi"), seed: "5", corpusId })).replies.map((x) => x.segmentIds)).not.toEqual(r.replies.map((x) => x.segmentIds));
  });

  it("in2 generate --prompt FILE saves the file as a version and generates with it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-prompt-"));
    const file = path.join(dir, "Dates First.txt");
    fs.writeFileSync(file, `${builtinSystem("single")}\nAsk about dates first.`);
    const env = { DATABASE_URL: url, OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: fake.url };
    const r = await runCli(["generate", "--type", "single", "--count", "2", "--seed", "5", "--provider", "openai", "--prompt", file, "--wait"], env);
    expect(r.code, r.stderr).toBe(0);
    const v = (await listPromptVersions()).find((x) => x.name === "dates-first")!;
    expect(v.text).toContain("Ask about dates first.");
    const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair WHERE prompt_version = $1`, [v.version]);
    expect(rows[0]!.n).toBe(2);
    const bad = await runCli(["generate", "--type", "single", "--count", "1", "--prompt", path.join(dir, "missing.txt")], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/cannot read/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
