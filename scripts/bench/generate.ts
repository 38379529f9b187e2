// npm run bench:generate [-- --latency 100 --concurrency 8,32 --seconds 8]: generation throughput (pairs/s) through
// the real openai SDK against the local fake OpenAI server with a fixed latency L, at concurrency C, compared with
// the ideal C / L (every lane always waiting on the server). Everything else — claiming items, storing each pair
// with its evidence, history and quality flags in one transaction — is the overhead this measures.
import { parseArgs } from "node:util";
import { createItems } from "@/lib/generate/items";
import { createJobRow } from "@/lib/generate/job-row";
import { resolveRequest } from "@/lib/generate/params";
import { getJob } from "@/lib/jobs/jobs";
import { runJob } from "@/lib/jobs/runner";
import "@/lib/jobs/kinds";
import { bareSdkRequests, loadAverage, machine, withFakeLlmBench } from "./support";

const { values } = parseArgs({ options: {
  latency: { type: "string", default: "100" }, concurrency: { type: "string", default: "8,32" }, seconds: { type: "string", default: "8" },
} });
const latency = Number(values.latency);
const lanes = values.concurrency.split(",").map(Number);

await withFakeLlmBench({ latencyMs: latency }, async ({ corpusId, segments }) => {
  console.log(`bench:generate — fake server latency ${latency} ms, ${segments} segments — ${machine()}`);
  const rows = [];
  for (const c of lanes) {
    const ideal = c / (latency / 1000);
    const count = Math.min(segments, Math.round(ideal * Number(values.seconds)));
    const p = resolveRequest({ type: "single", count, corpusId, seed: c, provider: "openai", model: "bench", concurrency: c });
    const params = { ...p, model: `bench-c${c}` };
    const id = await createJobRow(params);
    // selection (a seeded scan of the corpus) is a one-off cost per job, measured apart from the throughput
    const s0 = performance.now();
    await createItems(id, params);
    const selectSeconds = (performance.now() - s0) / 1000;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await runJob(id, "bench");
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const job = await getJob(id);
    const done = (job.result as { succeeded: number }).succeeded;
    const rate = done / seconds;
    const ref = await bareSdkRequests(c, count, "A short text about a city council vote.");
    rows.push({ concurrency: c, items: done, select_seconds: selectSeconds, seconds, pairs_per_s: rate, ideal, efficiency: rate / ideal, bare_sdk_per_s: ref,
      cpu_ms_per_pair: (cpu.user + cpu.system) / 1000 / done });
    console.log(`C=${String(c).padStart(3)}  ${String(done).padStart(5)} pairs in ${seconds.toFixed(2)} s  ${rate.toFixed(1).padStart(6)} pairs/s  `
      + `ideal ${ideal.toFixed(0)} → ${(100 * rate / ideal).toFixed(1)}%  | bare SDK requests ${ref.toFixed(1)}/s → ${(100 * rate / ref).toFixed(1)}% of it  `
      + `| ${((cpu.user + cpu.system) / 1000 / done).toFixed(1)} ms CPU per pair | selection ${selectSeconds.toFixed(2)} s`);
  }
  console.log(loadAverage());
  console.log(JSON.stringify({ bench: "generate", date: new Date().toISOString(), machine: machine(), latency_ms: latency, rows }));
});
