// The simulated reviewers of bench:team (scripts/bench/team.ts). By default they run in a child process of their own
// (`--clients process`), as browsers are not in the server's process: the server's event loop then serves requests
// only. `--clients inline` runs them in the bench process, as the first version of the bench did.
// Each reviewer is a real HTTP/1.1 client with its own keep-alive agent (a browser tab keeps its connections to the
// app open, up to 6 per host): node's `http`, not `fetch` (undici), whose per-request cost in one process simulating
// 50 browsers was half of the start burst's client-side latency. Nothing is opened before the phase starts: the
// first requests of all 50 reviewers connect at the same instant.
import http from "node:http";
import { createRng } from "@/lib/random";

/** `cpuMs`: this process's CPU over the phase, and over its first second (the burst) */
export interface Tally { decisions: number; conflicts: number; errors: number; nextMs: number[]; decideMs: number[]; nextAt: number[]; cpuMs: { firstSecond: number; phase: number } }
export interface PhaseSpec { base: string; cookies: string[]; seconds: number; peek: boolean; seedOffset: number; path: string }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Reply = { status: number; ok: boolean; body: string };
/** One HTTP request on the reviewer's agent; the whole body read as text. */
function request(agent: http.Agent, url: string, init: { method?: string; headers: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, method: init.method ?? "GET",
      headers: init.body === undefined ? init.headers : { ...init.headers, "content-length": String(Buffer.byteLength(init.body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        resolve({ status, ok: status >= 200 && status < 300, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

/** One reviewer as the review page drives the API: prefetch 5, refill below 3 in the background, decide, read. */
async function reviewer(spec: PhaseSpec, cookie: string, seed: number, start: number, until: number, t: Tally) {
  const { base, peek } = spec;
  const rng = createRng(`team-bench:${seed}`);
  const headers = { cookie, origin: base, "content-type": "application/json" };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
  try {
    const buffer: { id: number; version: number }[] = [];
    let cursor: string | null = null;
    let fetching: Promise<void> | null = null;
    const refill = () => fetching ??= (async () => {
      const t0 = performance.now();
      const r = await request(agent, `${base}${spec.path}?limit=5${peek ? "&peek=true" : ""}${cursor ? `&after=${encodeURIComponent(cursor)}` : ""}`, { headers });
      const body = r.ok ? (JSON.parse(r.body) as { items: { id: number; version: number }[]; next: string | null }) : null;
      t.nextMs.push(performance.now() - t0);
      t.nextAt.push(t0 - start);
      if (!body) { t.errors++; return; }
      cursor = body.next;
      buffer.push(...body.items.filter((p) => !buffer.some((b) => b.id === p.id)));
    })().finally(() => { fetching = null; });
    while (performance.now() < until) {
      if (buffer.length < 3) void refill();
      if (!buffer.length) await refill();
      const pair = buffer.shift();
      if (!pair) { await sleep(200); continue; }
      await sleep(750 + rng.next() * 1500);
      if (performance.now() >= until) break;
      const t0 = performance.now();
      const r = await request(agent, `${base}/api/pairs/${pair.id}`, { method: "PATCH", headers, body: JSON.stringify({ version: pair.version, status: rng.next() < 0.8 ? "accepted" : "rejected" }) });
      t.decideMs.push(performance.now() - t0);
      if (r.status === 409) t.conflicts++;
      else if (r.ok) t.decisions++;
      else t.errors++;
    }
    await fetching;
  } finally {
    agent.destroy();
  }
}

export async function runReviewers(spec: PhaseSpec): Promise<Tally> {
  const t: Tally = { decisions: 0, conflicts: 0, errors: 0, nextMs: [], decideMs: [], nextAt: [], cpuMs: { firstSecond: 0, phase: 0 } };
  const cpu0 = process.cpuUsage();
  const cpuMs = () => { const u = process.cpuUsage(cpu0); return Math.round((u.user + u.system) / 1000); };
  const timer = setTimeout(() => { t.cpuMs.firstSecond = cpuMs(); }, 1000);
  const start = performance.now();
  const until = start + spec.seconds * 1000;
  await Promise.all(spec.cookies.map((c, i) => reviewer(spec, c, i + spec.seedOffset, start, until, t)));
  clearTimeout(timer);
  t.cpuMs.phase = cpuMs();
  return t;
}

// forked by team.ts: one phase per message
if (process.send && process.argv.includes("--team-reviewers")) {
  process.on("message", (spec: PhaseSpec) => {
    void runReviewers(spec).then((t) => process.send!(t), (err: Error) => process.send!({ error: err.message }));
  });
  process.send({ ready: true });
}
