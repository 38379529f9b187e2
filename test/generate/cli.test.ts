import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";
import { runCli } from "../support/cli";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai";
import { OPENAI_ENV, seedCorpus } from "./helpers";

let url: string;
let fake: FakeOpenAi;

beforeAll(async () => {
  url = await useTestDatabase();
  await seedCorpus("cli-corpus");
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());

describe("in2 generate and in2 pairs", () => {
  it("--wait runs the job, prints progress on stderr and one JSON summary on stdout", async () => {
    const r = await runCli(["generate", "--type", "single", "--count", "5", "--corpus", "cli-corpus", "--seed", "3", "--provider", "openai",
      "--model", "gpt-4o-mini", "--concurrency", "2", "--wait"], { DATABASE_URL: url, ...OPENAI_ENV(fake.url) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.json).toMatchObject({ status: "succeeded", requested: 5, succeeded: 5, failed: 0 });
    const out = r.json as { job_id: number; tokens: { prompt: number; completion: number }; cost_usd: number };
    expect(out.tokens.prompt).toBeGreaterThan(0);
    expect(out.tokens.completion).toBeGreaterThan(0);
    expect(out.cost_usd).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/estimate: 5 items, ~\d+ prompt \+ ≤2000 completion tokens, ~\$0\.\d+ — openai · gpt-4o-mini · online/);
    expect(r.stderr).toMatch(/generate #\d+ succeeded: 5\/5 done/);
  });

  it("streams the pairs as JSON Lines with their evidence and provenance", async () => {
    const r = await runCli(["pairs", "--status", "pending", "--type", "single", "--jsonl"], { DATABASE_URL: url });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    for (const p of lines) {
      expect(Object.keys(p).sort()).toEqual(["answer", "created_at", "evidence", "id", "model", "prompt_version", "provider", "quality_flags",
        "question", "status", "support", "type", "updated_at", "version"]);
      expect(p).toMatchObject({ status: "pending", type: "single", provider: "openai", model: "gpt-4o-mini" });
      expect(p.evidence).toEqual([expect.objectContaining({ piece: 1, segment_id: expect.any(Number), document_id: expect.any(Number) })]);
    }
    const none = await runCli(["pairs", "--type", "multi", "--jsonl"], { DATABASE_URL: url });
    expect(none.stdout).toBe("");
  });

  it("without --wait only queues the job; with nothing left to generate it exits non-zero", async () => {
    const q = await runCli(["generate", "--type", "multi", "--count", "2", "--provider", "offline"], { DATABASE_URL: url, OPENAI_API_KEY: "" });
    expect(q.code, q.stderr).toBe(0);
    expect(q.json).toMatchObject({ status: "queued", requested: 2, succeeded: 0 });
    const { rows } = await pool().query(`SELECT status, params->>'provider' AS provider FROM job WHERE id = $1`, [(q.json as { job_id: number }).job_id]);
    expect(rows[0]).toEqual({ status: "queued", provider: "offline" });

    const bad = await runCli(["generate", "--type", "single", "--count", "5", "--segments", "999999", "--provider", "offline", "--wait"], { DATABASE_URL: url });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/nothing to generate/);
    const usage = await runCli(["generate", "--type", "triple", "--count", "5"], { DATABASE_URL: url });
    expect(usage.code).toBe(2);
  });
});
