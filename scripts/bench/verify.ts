// npm run bench:verify [-- --latency 100 --concurrency 8,32 --seconds 4 --singles 400 --multis 200]: verification throughput (checks/s) through the
// real openai SDK against the local fake OpenAI server with a fixed latency L, at concurrency C, compared with the ideal
// C / L and with bare SDK requests at the same C in the same run. Also the ablation cost: calls per multi pair.
// Pairs come from the offline generator on the demo corpus; the fake server answers each check by its key (closed-book:
// "cannot answer"; with text: the pair's own answer), so every multi pair goes through ablation.
import { parseArgs } from "node:util";
import { createJobRow } from "@/lib/generate/job-row";
import { resolveRequest } from "@/lib/generate/params";
import { pool } from "@/lib/db/client";
import { getJob } from "@/lib/jobs/jobs";
import { runJob } from "@/lib/jobs/runner";
import "@/lib/jobs/kinds";
import { createItems } from "@/lib/verify/items";
import { createVerifyJobRow } from "@/lib/verify/job-row";
import { resolveVerifyRequest } from "@/lib/verify/params";
import type { VerifyResult } from "@/lib/verify/verify-job";
import { bareSdkRequests, loadAverage, machine, withFakeLlmBench } from "./support";

const { values } = parseArgs({ options: {
  latency: { type: "string", default: "100" }, concurrency: { type: "string", default: "8,32" }, seconds: { type: "string", default: "4" },
  singles: { type: "string", default: "400" }, multis: { type: "string", default: "200" },
} });
const latency = Number(values.latency);
const lanes = values.concurrency.split(",").map(Number);

const answers = new Map<number, string>();
const script = (key: string) => {
  const [, pair, check] = key.split("|");
  const answer = check === "closed_book" ? null : answers.get(Number(pair)) ?? null;
  return { kind: "ok" as const, content: JSON.stringify({ answerable: answer !== null, answer: answer ?? "" }) };
};
await withFakeLlmBench({ latencyMs: latency, script }, async ({ fake, corpusId, segments }) => {
  const g0 = performance.now();
  for (const [type, count] of [["single", Number(values.singles)], ["multi", Number(values.multis)]] as const) {
    const id = await createJobRow(resolveRequest({ type, count, corpusId, seed: 1, provider: "offline", concurrency: 2 }));
    await runJob(id, "bench-gen");
  }
  const { rows: pairs } = await pool().query<{ id: number; type: string; answer: string }>(`SELECT id, type, answer FROM pair ORDER BY id`);
  for (const p of pairs) answers.set(p.id, p.answer);
  const multis = pairs.filter((p) => p.type === "multi").length;
  console.log(`bench:verify — fake server latency ${latency} ms, ${segments} segments, ${pairs.length} offline pairs (${multis} multi) `
    + `written in ${((performance.now() - g0) / 1000).toFixed(1)} s — ${machine()}`);
  const rows = [];
  for (const c of lanes) {
    const ideal = c / (latency / 1000);
    // enough pairs for ~`seconds` of checks at the ideal rate (single: 2 checks, multi: 2 + its needed pieces ≈ 4),
    // singles and multis interleaved so both kinds are in every run
    const want = ideal * Number(values.seconds);
    const chosen: number[] = [];
    let planned = 0;
    const singles = pairs.filter((p) => p.type === "single");
    const multiPairs = pairs.filter((p) => p.type === "multi");
    const mixed = singles.flatMap((p, i) => (multiPairs[i] ? [p, multiPairs[i]] : [p])).concat(multiPairs.slice(singles.length));
    for (const p of mixed) {
      if (planned >= want) break;
      chosen.push(p.id);
      planned += p.type === "multi" ? 4 : 2;
    }
    // a model name per run: the item keys differ, so each run verifies the same pairs afresh
    const params = resolveVerifyRequest({ pairIds: chosen, provider: "openai", model: `bench-c${c}`, concurrency: c });
    const id = await createVerifyJobRow(params);
    await createItems(id, params);
    const before = fake.requests.length;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await runJob(id, "bench");
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const r = (await getJob(id)).result as VerifyResult;
    const checks = fake.requests.length - before;
    const { rows: ab } = await pool().query<{ multi: number; calls: number; ablation: number }>(
      `SELECT count(DISTINCT i.id)::int AS multi, count(c.id)::int AS calls, count(c.id) FILTER (WHERE c.kind = 'ablation')::int AS ablation
       FROM verification_item i JOIN pair p ON p.id = i.pair_id JOIN pair_check c ON c.item_id = i.id WHERE i.job_id = $1 AND p.type = 'multi'`, [id]);
    const rate = checks / seconds;
    const ref = await bareSdkRequests(c, checks, "Question: who won the vote?");
    const a = ab[0]!;
    rows.push({ concurrency: c, pairs: r.verified, checks, seconds, checks_per_s: rate, ideal, efficiency: rate / ideal, bare_sdk_per_s: ref,
      vs_bare: rate / ref, calls_per_multi_pair: a.calls / a.multi, ablation_calls_per_multi_pair: a.ablation / a.multi,
      cpu_ms_per_check: (cpu.user + cpu.system) / 1000 / checks });
    console.log(`C=${String(c).padStart(3)}  ${String(r.verified).padStart(5)} pairs, ${checks} checks in ${seconds.toFixed(2)} s  ${rate.toFixed(1).padStart(6)} checks/s  `
      + `ideal ${ideal.toFixed(0)} → ${(100 * rate / ideal).toFixed(1)}%  | bare SDK ${ref.toFixed(1)}/s → ${(100 * rate / ref).toFixed(1)}%  `
      + `| multi pair: ${(a.calls / a.multi).toFixed(2)} calls (${(a.ablation / a.multi).toFixed(2)} ablation) | ${((cpu.user + cpu.system) / 1000 / checks).toFixed(1)} ms CPU per check`);
  }
  console.log(loadAverage());
  console.log(JSON.stringify({ bench: "verify", date: new Date().toISOString(), machine: machine(), latency_ms: latency, rows }));
});
