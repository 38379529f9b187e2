import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";
import { startFakeOpenAi, type FakeOpenAi, type FakeReply } from "../support/fake-openai";
import { OPENAI_ENV, runGeneration, seedCorpus } from "../generate/helpers";
import { getJob, resumeJob } from "@/lib/jobs/jobs";
import { runJob } from "@/lib/jobs/runner";
import { resolveVerifyRequest } from "@/lib/verify/params";
import { estimateVerification } from "@/lib/verify/start";
import { checksOf, codes, runVerification, verificationOf } from "./helpers";

/**
 * The real openai client against a local OpenAI-compatible server that scripts each check's reply (by the
 * request's item key `verify-<item>|<pair>|<check>`): correct, wrong, refusal, malformed, 429 and 500.
 */
let fake: FakeOpenAi;
let env: NodeJS.ProcessEnv;
let singles: { id: number; fact: string }[];
let multis: { id: number; a: number; b: number; factA: string; factB: string }[];
/** per pair id: check → replies in order (the last one repeats) */
const plan = new Map<number, Record<string, FakeReply[]>>();

const ok = (answer: string | null): FakeReply => ({ kind: "ok", content: JSON.stringify({ answerable: answer !== null, answer: answer ?? "" }) });

beforeAll(async () => {
  await useTestDatabase();
  const corpusId = await seedCorpus("verify-online");
  const gs = await runGeneration({ type: "single", count: 60, corpusId, seed: 8, provider: "offline" });
  const gm = await runGeneration({ type: "multi", count: 24, corpusId, seed: 8, provider: "offline" });
  const { rows: s } = await pool().query<{ id: number; answer: string }>(`SELECT id, answer FROM pair WHERE job_id = $1 ORDER BY id`, [gs.id]);
  singles = s.map((r) => ({ id: r.id, fact: /is (.+)\.$/.exec(r.answer)![1]! }));
  const { rows: m } = await pool().query<{ id: number; answer: string; original: { parsed: { pieces: number[] } } }>(
    `SELECT id, answer, original FROM pair WHERE job_id = $1 ORDER BY id`, [gm.id]);
  multis = m.map((r) => {
    const [, factA, factB] = /first blank is (.+) and the second is (.+)\.$/.exec(r.answer)!;
    return { id: r.id, a: r.original.parsed.pieces[0]!, b: r.original.parsed.pieces[1]!, factA: factA!, factB: factB! };
  });
  fake = await startFakeOpenAi({
    script: (key, n) => {
      const [, pair, check] = key.split("|");
      const replies = plan.get(Number(pair))?.[check ?? ""];
      if (!replies) return ok(null);
      return replies[Math.min(n, replies.length - 1)];
    },
  });
  env = { ...process.env, ...OPENAI_ENV(fake.url) };
  expect(singles.length).toBeGreaterThanOrEqual(17);
  expect(multis.length).toBeGreaterThanOrEqual(4);
  process.env.OPENAI_API_KEY = "test-key";
  process.env.OPENAI_BASE_URL = fake.url;
});
afterAll(() => fake.close());

const openai = { provider: "openai" as const, model: "gpt-4o-mini", backoffBaseMs: 5, concurrency: 3 };

describe("verification with an OpenAI-compatible server", () => {
  it("turns correct, wrong, refused, malformed and rate-limited replies into verdicts, keeping every raw reply", async () => {
    const [p1, p2, p3, p4, p5] = singles as [typeof singles[0], typeof singles[0], typeof singles[0], typeof singles[0], typeof singles[0]];
    plan.set(p1.id, { closed_book: [{ kind: "refusal", text: "I cannot answer without the article." }], evidence_only: [ok(p1.fact)] });
    plan.set(p2.id, { closed_book: [ok(p2.fact)], evidence_only: [ok(p2.fact)] });
    plan.set(p3.id, { closed_book: [ok(null)], evidence_only: [ok("something else entirely 123456")] });
    plan.set(p4.id, { closed_book: [{ kind: "malformed" }, ok(null)], evidence_only: [{ kind: "status", status: 500 }, { kind: "status", status: 429, retryAfter: "0" }, ok(p4.fact)] });
    plan.set(p5.id, { closed_book: [ok(null)], evidence_only: [{ kind: "malformed" }] });
    const job = await runVerification({ ...openai, pairIds: [p1.id, p2.id, p3.id, p4.id, p5.id] }, env);
    expect(job.status, job.error ?? "").toBe("succeeded");
    expect(job.result).toMatchObject({ requested: 5, verified: 4, failed: 1, passed: 2, flagged: 2,
      verdicts: { answerable_without_context: 1, not_answerable_from_evidence: 1 } });
    const r = job.result as { tokens: { prompt: number; completion: number }; costUsd: number };
    expect(r.tokens.prompt).toBeGreaterThan(0);
    expect(r.costUsd).toBeGreaterThan(0);

    expect(await verificationOf(p1.id)).toMatchObject({ passed: true, flags: [], provider: "openai", model: "gpt-4o-mini" });
    const c1 = await checksOf(p1.id);
    expect(c1[0]).toMatchObject({ kind: "closed_book", matched: false, passed: true, model_answer: null, match_method: "no_answer",
      raw_output: "refusal: I cannot answer without the article.", prompt_version: "in2-verify-v1", model: "gpt-4o-mini" });
    expect(c1[1]).toMatchObject({ kind: "evidence_only", matched: true, model_answer: p1.fact, raw_output: JSON.stringify({ answerable: true, answer: p1.fact }) });

    const v2 = await verificationOf(p2.id);
    expect(codes(v2)).toEqual(["answerable_without_context"]);
    expect(v2!.flags[0]!.reason).toContain(p2.fact);
    const v3 = await verificationOf(p3.id);
    expect(codes(v3)).toEqual(["not_answerable_from_evidence"]);
    expect((await checksOf(p3.id))[1]).toMatchObject({ matched: false, model_answer: "something else entirely 123456" });

    // retried: a malformed reply, then a 500 and a 429 — the verdict stands on the valid replies
    expect(await verificationOf(p4.id)).toMatchObject({ passed: true });
    const { rows: items } = await pool().query<{ pair_id: number; status: string; attempts: number; error: string | null; raw_response: string | null }>(
      `SELECT pair_id, status, attempts, error, raw_response FROM verification_item WHERE job_id = $1`, [job.id]);
    expect(items.find((i) => i.pair_id === p4.id)).toMatchObject({ status: "succeeded", attempts: 5 });
    // never valid: the item fails with the reason and the raw reply, and the pair keeps no verdict
    expect(items.find((i) => i.pair_id === p5.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/evidence-only: malformed JSON.*3 replies, none valid/),
      raw_response: expect.stringContaining("What happened") });
    expect(await verificationOf(p5.id)).toBeNull();
    expect(await checksOf(p5.id)).toEqual([]);
  });

  it("ablates multi pairs: a piece whose removal leaves the answer right is named; then the pair is not multi-hop", async () => {
    const [m1, m2] = multis as [typeof multis[0], typeof multis[0]];
    const both = (m: typeof m1) => ok(`${m.factA}; ${m.factB}`);
    plan.set(m1.id, { closed_book: [ok(null)], evidence_only: [both(m1)], [`ablation-${m1.a}`]: [ok(m1.factB)], [`ablation-${m1.b}`]: [ok(m1.factA)] });
    plan.set(m2.id, { closed_book: [ok(null)], evidence_only: [both(m2)], [`ablation-${m2.a}`]: [ok(null)], [`ablation-${m2.b}`]: [both(m2)] });
    const job = await runVerification({ ...openai, pairIds: [m1.id, m2.id] }, env);
    expect(job.result).toMatchObject({ verified: 2, passed: 1, flagged: 1, checks: 8, verdicts: { piece_not_needed: 1, not_multi_hop: 1 } });
    expect(await verificationOf(m1.id)).toMatchObject({ passed: true });
    const v2 = await verificationOf(m2.id);
    expect(v2!.flags).toMatchObject([{ code: "piece_not_needed", piece: m2.b }, { code: "not_multi_hop" }]);
    expect((await checksOf(m2.id)).map((c) => [c.kind, c.piece_removed, c.passed])).toEqual([
      ["closed_book", null, true], ["evidence_only", null, true], ["ablation", m2.a, true], ["ablation", m2.b, false]]);
  });

  it("skips ablation when evidence-only already failed (no calls wasted)", async () => {
    const m3 = multis[2]!;
    plan.set(m3.id, { closed_book: [ok(null)], evidence_only: [ok(null)] });
    const before = fake.requests.length;
    const job = await runVerification({ ...openai, pairIds: [m3.id] }, env);
    expect(job.result).toMatchObject({ verified: 1, flagged: 1, checks: 2, verdicts: { not_answerable_from_evidence: 1 } });
    expect(fake.requests.length - before).toBe(2);
  });

  it("stops at the budget cap with nothing lost: the rest stays pending and a resumed job finishes it", async () => {
    const ids = singles.slice(5, 15).map((s) => s.id);
    for (const s of singles.slice(5, 15)) plan.set(s.id, { closed_book: [ok(null)], evidence_only: [ok(s.fact)] });
    // a cap at 1.5 pairs' worst case: each pair reserves its worst case before it starts, so only a few fit
    const estimate = await estimateVerification(resolveVerifyRequest({ ...openai, pairIds: ids }, env));
    const cap = (estimate.costUsd! / 10) * 1.5;
    const job = await runVerification({ ...openai, concurrency: 1, pairIds: ids, budgetUsd: cap }, env);
    expect(job.status).toBe("cancelled");
    expect(job.message).toMatch(/stopped: budget cap \$[\d.]+ reached/);
    const r = job.result as { verified: number; costUsd: number; stopReason: string };
    expect(r.stopReason).toBe("budget");
    expect(r.verified).toBeGreaterThan(0);
    expect(r.verified).toBeLessThan(10);
    expect(r.costUsd).toBeLessThanOrEqual(cap);
    const { rows } = await pool().query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM verification_item WHERE job_id = $1 GROUP BY 1`, [job.id]);
    expect(Object.fromEntries(rows.map((x) => [x.status, x.n]))).toEqual({ succeeded: r.verified, pending: 10 - r.verified });
    // lift the cap and resume: the job finishes the rest, and asks nothing twice
    const before = fake.requests.length;
    await pool().query(`UPDATE job SET params = params - 'budgetUsd' WHERE id = $1`, [job.id]);
    await resumeJob(job.id);
    await runJob(job.id, "test-resume");
    const done = await getJob(job.id);
    expect(done.status).toBe("succeeded");
    expect(done.result).toMatchObject({ requested: 10, verified: 10, passed: 10 });
    expect(fake.requests.length - before).toBe(2 * (10 - r.verified));
  });

  it("asks for a judge score when asked (never a verdict): scores and reason stored, a malformed judgement asked again", async () => {
    const s = singles[16]!;
    const judged = { specificity: 3, answerability: 9, faithfulness: 10, answer_quality: 8, reason: "Cloze question, answerable from the sentence." };
    plan.set(s.id, { closed_book: [ok(null)], evidence_only: [ok(s.fact)], judge: [{ kind: "malformed" }, { kind: "ok", content: JSON.stringify(judged) }] });
    const job = await runVerification({ ...openai, pairIds: [s.id], judge: true }, env);
    expect(job.result).toMatchObject({ verified: 1, passed: 1, checks: 3 });
    const v = await verificationOf(s.id);
    expect(v).toMatchObject({ passed: true, judge: judged });
    const judge = (await checksOf(s.id)).find((c) => c.kind === "judge")!;
    expect(judge).toMatchObject({ passed: true, model_answer: judged.reason, raw_output: JSON.stringify(judged), match_method: "judge" });
    expect(judge.reason).toBe("specificity 3 · answerability 9 · faithfulness 10 · answer quality 8 (of 10)");
    const { prepareVerification } = await import("@/lib/verify/start");
    expect(() => prepareVerification({ pairIds: [s.id], provider: "offline", judge: true })).toThrow(/offline verifier cannot judge/);
  });

  it("runs the Batch API path: one file with every check, verdicts as online", async () => {
    const [m4] = multis.slice(3) as [typeof multis[0]];
    const s = singles[15]!;
    plan.set(s.id, { closed_book: [ok(s.fact)], evidence_only: [ok(s.fact)] });
    plan.set(m4.id, { closed_book: [ok(null)], evidence_only: [ok(`${m4.factA}; ${m4.factB}`)], [`ablation-${m4.a}`]: [ok(m4.factB)],
      [`ablation-${m4.b}`]: [{ kind: "malformed" }, ok(m4.factA)] });
    const before = fake.requests.length;
    const job = await runVerification({ ...openai, mode: "batch", batchPollMs: 10, pairIds: [s.id, m4.id] }, env);
    expect(job.status, job.error ?? "").toBe("succeeded");
    expect(job.result).toMatchObject({ verified: 2, passed: 1, flagged: 1, verdicts: { answerable_without_context: 1 } });
    const sent = fake.requests.slice(before);
    expect(sent.every((q) => q.via === "batch")).toBe(true);
    // the malformed ablation reply sends the multi pair again in a second batch (2 + 4 checks, then 4)
    expect(sent).toHaveLength(10);
    expect(await verificationOf(m4.id)).toMatchObject({ passed: true });
    expect((await checksOf(m4.id)).map((c) => c.kind)).toEqual(["closed_book", "evidence_only", "ablation", "ablation"]);
  });
});
