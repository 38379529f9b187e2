import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { importFiles } from "@/lib/corpus/importer";
import { demoFile } from "@/lib/corpus/demo";
import { startCluster, type Cluster } from "@/lib/db/cluster";
import { closeDb, pool } from "@/lib/db/client";
import { createDatabaseIfMissing, withPool } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { openAiSdk } from "@/lib/llm/openai-client";
import { startFakeOpenAi, type FakeOpenAi } from "../../test/support/fake-openai";

/** A throwaway PostgreSQL with a migrated database for a benchmark; DATABASE_URL points at it. */
export async function benchDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-bench-"));
  fs.chmodSync(dir, 0o755);
  const cluster: Cluster = await startCluster({ dataDir: path.join(dir, "pg"), throwaway: true });
  await createDatabaseIfMissing(cluster.url("postgres"), "bench");
  const url = cluster.url("bench");
  await withPool(url, (p) => migrate(p));
  process.env.DATABASE_URL = url;
  return {
    url,
    async stop() {
      await closeDb();
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo corpus's documents (1,000 real C4 realnewslike texts). */
export function demoDocs(): { text: string; url?: string; timestamp?: string }[] {
  const file = path.join(process.cwd(), "data", "demo", "c4-realnewslike-1000.jsonl.gz");
  return zlib.gunzipSync(fs.readFileSync(file)).toString("utf8").trim().split("\n").map((l) => JSON.parse(l));
}

/**
 * A JSON Lines file of about `targetBytes`: the demo documents repeated, each copy with its own closing line, so
 * every document is unique (no de-duplication shortcut). Real C4 text at any size, for import throughput.
 */
export async function writeUniqueDocsFile(file: string, targetBytes: number): Promise<number> {
  const docs = demoDocs();
  const out = fs.createWriteStream(file);
  let bytes = 0;
  for (let copy = 0; bytes < targetBytes; copy++) {
    for (const d of docs) {
      const line = `${JSON.stringify({ ...d, text: `${d.text}\n(copy ${copy})` })}\n`;
      bytes += Buffer.byteLength(line);
      if (!out.write(line)) await new Promise<void>((r) => out.once("drain", () => r()));
    }
  }
  await new Promise<void>((r) => out.end(() => r()));
  return bytes;
}

export function machine(): string {
  return `${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}`;
}

/** Peak resident memory, sampled every 50 ms while `fn` runs. */
export async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peakRss: number; seconds: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  const t0 = performance.now();
  try {
    const result = await fn();
    return { result, peakRss: Math.max(peak, process.memoryUsage().rss), seconds: (performance.now() - t0) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

/**
 * A model benchmark's world: a throwaway database with the demo corpus imported, the local fake OpenAI server with
 * a fixed latency, and the environment that sends the openai SDK there (model "bench" is priced). `fn` runs in it;
 * everything is stopped afterwards, also when it throws.
 */
export async function withFakeLlmBench<T>(
  fake: Parameters<typeof startFakeOpenAi>[0],
  fn: (bench: { fake: FakeOpenAi; corpusId: number; segments: number }) => Promise<T>,
): Promise<T> {
  const db = await benchDatabase();
  const server = await startFakeOpenAi(fake);
  Object.assign(process.env, { OPENAI_API_KEY: "bench", OPENAI_BASE_URL: server.url, IN2_PRICE_TABLE: JSON.stringify({ bench: { input: 0.15, output: 0.6 } }) });
  try {
    const { corpusId, segments } = await importFiles({ corpus: "bench", files: [{ path: demoFile() }] });
    return await fn({ fake: server, corpusId, segments });
  } finally {
    // pg's pool can see postgres' shutdown notice on a connection it is still closing; that is not a failure here
    pool().on("error", () => {});
    await server.close();
    await db.stop();
  }
}

/**
 * The reference measured in the same run as a model benchmark: C lanes sending n bare SDK requests (the given user
 * message, model "bench") to the server OPENAI_BASE_URL names, storing nothing. Returns requests per second.
 */
export async function bareSdkRequests(c: number, n: number, content: string): Promise<number> {
  const sdk = openAiSdk();
  let left = n;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: c }, async () => {
    while (left-- > 0) await sdk.chat.completions.create({ model: "bench", messages: [{ role: "user", content }] });
  }));
  return n / ((performance.now() - t0) / 1000);
}

/** "load average 1.2 / 0.9 / 0.7": printed with a benchmark's figures (a busy machine makes them noisy). */
export function loadAverage(): string {
  return `load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")}`;
}
