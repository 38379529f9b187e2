import fs from "node:fs";
import { buildAndSaveProbeSet } from "@/lib/probe/build-set";
import { writeProbeJsonl } from "@/lib/probe/export-file";
import { probeSetFromFile } from "@/lib/probe/import-file";
import { buildProbeBody } from "@/lib/probe/schemas";
import { getProbeSet, listProbeSets, type ProbeSetRow } from "@/lib/probe/sets";
import { PAPER_REFERENCE } from "@/lib/probe/reference";
import { runProbeInProcess } from "@/lib/probe/run-in-process";
import { progress, UsageError, type Command, type Values } from "../command";
import { wholeOption } from "../options";
import { followRemoteJob, type Remote } from "../remote";
import type { ProbeRunSummary } from "@/lib/probe/runs";

const USAGE = `in2 probe build --style document|code|database [--tokens 32768] [--sets 4] [--seed S] [--positions K] [--bin-size 50] [--corpus NAME] [--tokenizer T] [--name N] --out PATH
       in2 probe run --set ID|PATH --model M [--endpoint NAME] [--concurrency C] [--fresh]
       in2 probe export --set ID --out PATH
       in2 probe list`;

/** The build options, the same here and against a server (POST /api/probe/sets validates them there). */
const buildOptions = (v: Values) => ({
  style: v.style, tokens: wholeOption(v, "tokens"), sets: wholeOption(v, "sets"), seed: v.seed, positions: wholeOption(v, "positions"),
  binSize: wholeOption(v, "bin-size"), corpus: v.corpus, tokenizer: v.tokenizer, name: v.name,
});

export const probeCommand: Command = {
  name: "probe",
  summary: "VaL Probing: build position probe sets, score a model endpoint by position",
  usage: USAGE,
  options: {
    style: { type: "string" }, tokens: { type: "string" }, sets: { type: "string" }, seed: { type: "string" },
    positions: { type: "string" }, "bin-size": { type: "string" }, corpus: { type: "string" }, tokenizer: { type: "string" },
    name: { type: "string" }, out: { type: "string" }, set: { type: "string" }, model: { type: "string" },
    endpoint: { type: "string" }, concurrency: { type: "string" }, fresh: { type: "boolean" },
  },
  async run(v, positionals) {
    const sub = positionals[0];
    if (sub === "build") {
      const parsed = buildProbeBody.safeParse(buildOptions(v));
      if (!parsed.success) throw new UsageError(`${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
      const started = Date.now();
      const set = await buildAndSaveProbeSet(parsed.data);
      progress(`built probe set ${set.id} "${set.name}": ${set.setCount} contexts of ~${set.itemsPerContext} ${set.style} items, ` +
        `${set.exampleCount} examples, ${set.excludedCount} ambiguous excluded (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      const written = v.out ? await writeProbeJsonl(set, String(v.out)) : 0;
      return { ...describeSet(set), ...(v.out ? { out: v.out, written } : {}) };
    }
    if (sub === "run") {
      if (!v.set) throw new UsageError("name the set: --set ID or --set PATH (a JSONL file)");
      if (!v.model) throw new UsageError("name the model: --model M");
      const set = await resolveSet(String(v.set));
      const summary = await runProbeInProcess({
        setId: set.id, model: String(v.model), endpoint: v.endpoint as string | undefined,
        concurrency: wholeOption(v, "concurrency") ?? 4, fresh: Boolean(v.fresh),
      }, progress);
      return { ...summary, excluded: set.excludedCount, reference: { source: "FILM paper, VaL Probing 32K, all three styles", models: PAPER_REFERENCE } };
    }
    if (sub === "export") {
      if (!v.set || !v.out) throw new UsageError("export needs --set ID and --out PATH");
      const set = await resolveSet(String(v.set));
      return { ...describeSet(set), out: v.out, written: await writeProbeJsonl(set, String(v.out)) };
    }
    if (sub === "list") return { sets: (await listProbeSets()).map(describeSet) };
    throw new UsageError(sub ? `unknown subcommand "${sub}"` : "name a subcommand: build, run, export or list");
  },
  remote: probeRemote,
};

/**
 * `in2 probe` against IN2_URL, through the Probe page's routes: sets are built on the server (POST /api/probe/sets)
 * and downloaded as JSON Lines; a run is a job on the server, so --endpoint names one of the server's endpoints.
 */
async function probeRemote(remote: Remote, v: Values, positionals: string[]): Promise<unknown> {
  const sub = positionals[0];
  if (sub === "build") {
    const { set } = await remote.post<{ set: ProbeSetRow }>("/api/probe/sets", buildOptions(v));
    progress(`built probe set ${set.id} "${set.name}" on ${remote.url}: ${set.setCount} contexts, ${set.exampleCount} examples`);
    const written = v.out ? await downloadSet(remote, set.id, String(v.out)) : 0;
    return { ...describeSet(set), ...(v.out ? { out: v.out, written } : {}) };
  }
  if (sub === "run") {
    if (!v.set) throw new UsageError("name the set: --set ID (in2 probe list shows the server's sets)");
    if (!/^\d+$/.test(String(v.set))) {
      throw new UsageError("against a remote server --set takes a set id: a local JSONL file would have to be read into the server's "
        + "database, which the REST API does not offer; build the set there (in2 probe build) and use its id");
    }
    if (!v.model) throw new UsageError("name the model: --model M");
    const { run } = await remote.post<{ run: { id: number; jobId: number } }>("/api/probe/runs", {
      setId: Number(v.set), model: String(v.model), endpoint: v.endpoint, concurrency: wholeOption(v, "concurrency") ?? 4, fresh: Boolean(v.fresh),
    });
    const job = await followRemoteJob(remote, run.jobId, (j) => `probe run ${run.id} (${String(v.model)}): ${j.done}/${j.total} scored${j.failed ? `, ${j.failed} failed` : ""} — ${j.status}`);
    if (job.status !== "succeeded") throw new Error(`probe run ${run.id} ${job.status}${job.error ? `: ${job.error}` : ""}`);
    const { runs } = await remote.get<{ runs: ProbeRunSummary[] }>("/api/probe/runs");
    const s = runs.find((r) => r.id === run.id);
    if (!s) throw new Error(`probe run ${run.id} is missing from ${remote.url}/api/probe/runs`);
    const set = (await remote.get<{ sets: ProbeSetRow[] }>("/api/probe/sets")).sets.find((x) => x.id === s.setId);
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      run: s.id, set: s.setId, style: s.style, model: s.model, endpoint: s.endpoint, base_url: s.baseUrl, job: run.jobId, examples: s.exampleCount,
      scored: s.scored, failed: s.failed, avg: round(s.curve.avg * 100), gap: round(s.curve.gap * 100), bin_size: s.binSize,
      bins: s.curve.bins.map((b) => ({ positions: `${b.from}-${b.to}`, accuracy: round(b.accuracy * 100), n: b.n })),
      excluded: set?.excludedCount ?? null, reference: { source: "FILM paper, VaL Probing 32K, all three styles", models: PAPER_REFERENCE },
    };
  }
  if (sub === "export") {
    if (!v.set || !v.out) throw new UsageError("export needs --set ID and --out PATH");
    if (!/^\d+$/.test(String(v.set))) throw new UsageError("against a remote server --set takes a set id");
    const set = (await remote.get<{ sets: ProbeSetRow[] }>("/api/probe/sets")).sets.find((x) => x.id === Number(v.set));
    if (!set) throw new Error(`probe set ${v.set} does not exist on ${remote.url}`);
    return { ...describeSet(set), out: v.out, written: await downloadSet(remote, set.id, String(v.out)) };
  }
  if (sub === "list") return { sets: (await remote.get<{ sets: ProbeSetRow[] }>("/api/probe/sets")).sets.map(describeSet) };
  throw new UsageError(sub ? `unknown subcommand "${sub}"` : "name a subcommand: build, run, export or list");
}

/** Streams GET /api/probe/sets/:id/export into `file`; returns the number of records. */
async function downloadSet(remote: Remote, id: number, file: string): Promise<number> {
  await remote.download(`/api/probe/sets/${id}/export`, file);
  let n = 0;
  for await (const chunk of fs.createReadStream(file)) for (const b of chunk as Buffer) if (b === 10) n++;
  return n;
}

async function resolveSet(ref: string): Promise<ProbeSetRow> {
  if (/^\d+$/.test(ref) && !fs.existsSync(ref)) return getProbeSet(Number(ref));
  if (!fs.existsSync(ref)) throw new Error(`${ref}: no such file (and not a probe set id)`);
  return probeSetFromFile(ref);
}

function describeSet(s: ProbeSetRow) {
  return {
    set: s.id, name: s.name, style: s.style, source: s.source, tokenizer: s.tokenizer, tokens: s.tokenBudget, contexts: s.setCount,
    items_per_context: s.itemsPerContext, examples: s.exampleCount, excluded: s.excludedCount, bin_size: s.binSize, seed: s.seed,
  };
}
