import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { pool } from "@/lib/db/client";
import { updatePair } from "@/lib/pairs/update";
import { OFFLINE_VERIFIER_MODEL } from "@/lib/verify/reader";
import { useTestDatabase } from "../support/db";
import { runGeneration, seedCorpus } from "../generate/helpers";
import { checksOf, codes, runVerification, verificationOf } from "./helpers";

/**
 * The offline verifier (an extractive reader, not an LLM) on pairs written by the offline generator: the checks
 * mean something with no network — closed-book finds nothing, evidence-only finds the answer, and removing the
 * piece that holds one fact of a multi pair makes that fact unanswerable.
 */
let corpusId: number;
let genSingle: number;
let genMulti: number;
let reviewer: number;
const OFFLINE: NodeJS.ProcessEnv = { ...process.env, OPENAI_API_KEY: "" };

beforeAll(async () => {
  await useTestDatabase();
  corpusId = await seedCorpus("verify-offline");
  genSingle = (await runGeneration({ type: "single", count: 20, corpusId, seed: 4, provider: "offline" })).id;
  genMulti = (await runGeneration({ type: "multi", count: 40, corpusId, seed: 4, provider: "offline" })).id;
  reviewer = (await createUser({ email: "rev@test.in2", role: "reviewer", password: "test user password" })).id;
});

async function pairsOf(jobId: number) {
  const { rows } = await pool().query<{ id: number; version: number; question: string; answer: string; original: { parsed: { pieces: number[] } } }>(
    `SELECT id, version, question, answer, original FROM pair WHERE job_id = $1 ORDER BY id`, [jobId]);
  return rows;
}

describe("offline verifier on offline pairs", () => {
  it("passes single pairs: closed-book finds nothing, evidence-only reproduces the answer", async () => {
    const pairs = await pairsOf(genSingle);
    expect(pairs.length).toBeGreaterThanOrEqual(5);
    const job = await runVerification({ jobId: genSingle, provider: "offline" }, OFFLINE);
    expect(job.status, job.error ?? "").toBe("succeeded");
    expect(job.result).toMatchObject({ requested: pairs.length, verified: pairs.length, failed: 0, passed: pairs.length, flagged: 0, checks: 2 * pairs.length });
    for (const p of pairs) {
      const v = await verificationOf(p.id);
      expect(v).toMatchObject({ passed: true, flags: [], provider: "offline", model: OFFLINE_VERIFIER_MODEL, promptVersion: "in2-verify-v1" });
      const checks = await checksOf(p.id);
      expect(checks.map((c) => c.kind)).toEqual(["closed_book", "evidence_only"]);
      expect(checks[0]).toMatchObject({ matched: false, passed: true, model_answer: null, match_method: "no_answer" });
      expect(checks[1]).toMatchObject({ matched: true, passed: true });
      // the raw reply is kept as the verifier gave it
      expect(JSON.parse(checks[1]!.raw_output)).toEqual({ answerable: true, answer: checks[1]!.model_answer });
      expect(p.answer).toContain(checks[1]!.model_answer!);
    }
  });

  it("passes multi pairs through ablation: both facts are needed", async () => {
    const pairs = await pairsOf(genMulti);
    expect(pairs.length).toBeGreaterThanOrEqual(3);
    const job = await runVerification({ jobId: genMulti, provider: "offline" }, OFFLINE);
    expect(job.status, job.error ?? "").toBe("succeeded");
    expect(job.result).toMatchObject({ verified: pairs.length, passed: pairs.length, flagged: 0, checks: 4 * pairs.length });
    for (const p of pairs) {
      expect(await verificationOf(p.id)).toMatchObject({ passed: true, flags: [] });
      const checks = await checksOf(p.id);
      const [a, b] = p.original.parsed.pieces as [number, number];
      expect(checks.map((c) => [c.kind, c.piece_removed, c.pieces])).toEqual([
        ["closed_book", null, []], ["evidence_only", null, [a, b]], ["ablation", a, [b]], ["ablation", b, [a]]]);
      expect(checks.filter((c) => c.kind === "ablation").every((c) => !c.matched && c.passed)).toBe(true);
    }
  });

  it("re-running on unchanged pairs verifies nothing twice (same keys)", async () => {
    const before = (await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair_check`)).rows[0]!.n;
    const job = await runVerification({ jobId: genMulti, provider: "offline" }, OFFLINE);
    expect(job.status).toBe("succeeded");
    expect(job.result).toMatchObject({ requested: 0, verified: 0 });
    expect((await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair_check`)).rows[0]!.n).toBe(before);
  });

  it("flags piece_not_needed (naming the piece) and not_multi_hop after a multi pair is edited to ask about one blank only", async () => {
    const p = (await pairsOf(genMulti))[0]!;
    const [a, b] = p.original.parsed.pieces as [number, number];
    const clozeA = /"([^"]*____[^"]*)"/.exec(p.question)![1]!;
    const factA = /first blank is (.+) and the second/.exec(p.answer)![1]!;
    await updatePair(p.id, { version: p.version, question: `Which word or number fills the blank in "${clozeA}"?`, answer: `The missing part is ${factA}.` }, reviewer);
    const job = await runVerification({ pairIds: [p.id], provider: "offline" }, OFFLINE);
    expect(job.result).toMatchObject({ requested: 1, verified: 1, flagged: 1 });
    const v = await verificationOf(p.id);
    expect(codes(v)).toEqual(["not_multi_hop", "piece_not_needed"]);
    expect(v!.flags.find((f) => f.code === "piece_not_needed")).toMatchObject({ piece: b, reason: expect.stringContaining(`Without piece ${b}`) });
    const latest = (await checksOf(p.id)).filter((c) => c.item_id === v!.itemId);
    expect(latest.find((c) => c.piece_removed === a)).toMatchObject({ matched: false, passed: true });
    expect(latest.find((c) => c.piece_removed === b)).toMatchObject({ matched: true, passed: false });
  });

  it("flags answerable_without_context when an edit gives the answer away in the question", async () => {
    const p = (await pairsOf(genSingle))[1]!;
    const cloze = /"([^"]*____[^"]*)"/.exec(p.question)![1]!;
    const sentence = (await checksOf(p.id)).find((c) => c.kind === "evidence_only")!.model_answer!;
    const givenAway = `${cloze.replace(/_{2,}/, sentence)} ${p.question}`;
    await updatePair(p.id, { version: p.version, question: givenAway }, reviewer);
    await runVerification({ pairIds: [p.id], provider: "offline" }, OFFLINE);
    const v = await verificationOf(p.id);
    expect(codes(v)).toEqual(["answerable_without_context"]);
    expect(v!.flags[0]!.reason).toContain(sentence);
  });

  it("filters pairs by verdict through the pairs filter (the same SQL as the table and bulk actions)", async () => {
    const { listPairs } = await import("@/lib/pairs/list");
    const flagged = await listPairs({ verdict: "piece_not_needed" });
    expect(flagged.items).toHaveLength(1);
    const failed = await listPairs({ verdict: "failed" });
    expect(failed.items).toHaveLength(2);
    const unverified = await listPairs({ verdict: "unverified", corpusId });
    expect(unverified.items).toHaveLength(0);
  });
});
