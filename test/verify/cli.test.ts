import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";
import { runCli } from "../support/cli";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai";
import { OPENAI_ENV, runGeneration, seedCorpus } from "../generate/helpers";

let url: string;
let fake: FakeOpenAi;
let genJob: number;

beforeAll(async () => {
  url = await useTestDatabase();
  const corpusId = await seedCorpus("verify-cli");
  genJob = (await runGeneration({ type: "single", count: 8, corpusId, seed: 5, provider: "offline" })).id;
  const multi = await runGeneration({ type: "multi", count: 10, corpusId, seed: 5, provider: "offline" });
  expect((multi.result as { succeeded: number }).succeeded).toBeGreaterThan(0);
  // every check answers "1998": right for no offline pair, so closed-book passes and evidence-only fails
  fake = await startFakeOpenAi({ script: () => ({ kind: "ok", content: JSON.stringify({ answerable: true, answer: "1998" }) }) });
});
afterAll(() => fake.close());

describe("in2 verify", () => {
  it("--wait with no key runs the offline verifier and prints one JSON summary with counts per verdict", async () => {
    const pairs = (await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair WHERE job_id = $1`, [genJob])).rows[0]!.n;
    const r = await runCli(["verify", "--job", String(genJob), "--wait"], { DATABASE_URL: url, OPENAI_API_KEY: "" });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.json).toMatchObject({ status: "succeeded", requested: pairs, verified: pairs, failed: 0, passed: pairs, flagged: 0, checks: 2 * pairs,
      verdicts: {}, tokens: { prompt: 0, completion: 0 }, cost_usd: 0 });
    expect(r.stderr).toMatch(new RegExp(`estimate: ${pairs} pairs, ${2 * pairs} checks, .* offline \\(not an LLM\\) · offline-reader-v1`));
  });

  it("--status/--type select pairs; the openai provider reports tokens, cost and verdict counts", async () => {
    const r = await runCli(["verify", "--status", "pending", "--type", "multi", "--provider", "openai", "--model", "gpt-4o-mini", "--wait"],
      { DATABASE_URL: url, ...OPENAI_ENV(fake.url) });
    expect(r.code, r.stderr).toBe(0);
    const out = r.json as { verified: number; flagged: number; verdicts: Record<string, number>; tokens: { prompt: number }; cost_usd: number };
    expect(out.verified).toBeGreaterThan(0);
    expect(out.flagged).toBe(out.verified);
    expect(out.verdicts).toEqual({ not_answerable_from_evidence: out.verified });
    expect(out.tokens.prompt).toBeGreaterThan(0);
    expect(out.cost_usd).toBeGreaterThan(0);
  });

  it("refuses bad input with a clear message and exit code 2", async () => {
    const bad = await runCli(["verify", "--provider", "nope", "--wait"], { DATABASE_URL: url });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/provider/);
    const none = await runCli(["verify", "--pairs", "999999", "--provider", "offline"], { DATABASE_URL: url });
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/nothing to verify/);
  });
});
