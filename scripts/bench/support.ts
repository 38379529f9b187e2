import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { startCluster, type Cluster } from "@/lib/db/cluster";
import { closeDb } from "@/lib/db/client";
import { createDatabaseIfMissing, withPool } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";

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
