// npm run bench:team [-- --reviewers 50 --seconds 45 --baseline-seconds 15 --pairs 20000 --legacy-seconds 0 --clients process --trace]
// N signed-in reviewers work the review queue over HTTP on loopback, each reading 0.75–2.25 s per pair, the way the
// review page does it (a buffer of 5 prefetched pairs, refilled below 3, a PATCH per decision). Reports conflicts
// (409 on a decision), next-pair and decision latency p50/p99. The reference phase runs the same load with
// `peek=true` (no leases: everyone is served the queue head, the behaviour before leases) on the same database.
// `--legacy-seconds N` adds a phase with the claim as it was before the one-statement claim (team-legacy-claim.ts).
// The reviewers run in a child process (`--clients process`, default; browsers are not in the server's process) or
// in the bench process (`--clients inline`, as the first version did). `--trace`: the slowest next-pair requests with
// their queries (time including the wait for a pooled connection), and the server's event-loop delay.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AsyncLocalStorage } from "node:async_hooks";
import { fork, type ChildProcess } from "node:child_process";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { NextRequest } from "next/server";
import { from as copyFrom } from "pg-copy-streams";
import { PATCH as patchRoute } from "@/app/api/pairs/[id]/route";
import { GET as nextRoute } from "@/app/api/pairs/next/route";
import { createSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { pool } from "@/lib/db/client";
import { warmServerConnections } from "@/lib/server/warm";
import { createRng } from "@/lib/random";
import { benchDatabase, demoDocs, machine } from "./support";
import { legacyNextRoute } from "./team-legacy-claim";
import { runReviewers, type PhaseSpec, type Tally } from "./team-reviewers";

const { values } = parseArgs({ options: {
  reviewers: { type: "string", default: "50" }, seconds: { type: "string", default: "45" },
  "baseline-seconds": { type: "string", default: "15" }, pairs: { type: "string", default: "20000" },
  trace: { type: "boolean", default: false }, clients: { type: "string", default: "process" },
  "legacy-seconds": { type: "string", default: "0" }, "legacy-last": { type: "boolean", default: false },
  "no-warm": { type: "boolean", default: false },
} });
const REVIEWERS = Number(values.reviewers);
const SECONDS = Number(values.seconds);
const BASE_SECONDS = Number(values["baseline-seconds"]);
const PAIRS = Number(values.pairs);
const TRACE = values.trace;
const CLIENTS = values.clients === "inline" ? "inline" : "process";
const LEGACY_SECONDS = Number(values["legacy-seconds"]);
/** run the legacy phase after the leased one (each phase starts where the previous left the queue head) */
const LEGACY_LAST = values["legacy-last"];

/** The reviewers in a child process (browsers are not in the server's process); one phase per message. */
let child: ChildProcess | null = null;
/** Started before any phase, so its start-up is not timed. */
async function startChild(): Promise<void> {
  if (CLIENTS === "inline" || child) return;
  child = fork(fileURLToPath(new URL("./team-reviewers.ts", import.meta.url)), ["--team-reviewers"], { execArgv: process.execArgv });
  await new Promise((r) => child!.once("message", r));
}
async function inChild(spec: PhaseSpec): Promise<Tally> {
  await startChild();
  const c = child!;
  return new Promise((resolve, reject) => {
    c.once("message", (m: Tally | { error: string }) => ("error" in m ? reject(new Error(m.error)) : resolve(m)));
    c.send(spec);
  });
}

/** --trace: each request's server time and its queries (time incl. waiting for a pooled connection). */
type Query = { sql: string; ms: number; waiting: number };
type Served = { path: string; at: number; ms: number; queries: Query[] };
const als = new AsyncLocalStorage<Query[]>();
const served: Served[] = [];
type Queryable = { query: (...a: unknown[]) => unknown };
type Checkout = Queryable & { release: (...a: unknown[]) => unknown };
/** the SQL of a query call: a string, or a config object (a named statement, lib/db/prepared.ts) */
const sqlOf = (a: unknown): string | null => typeof a === "string" ? a
  : a && typeof a === "object" && typeof (a as { text?: unknown }).text === "string" ? (a as { text: string }).text : null;
function instrumentPool() {
  const p = pool() as unknown as Queryable & { connect: (...a: unknown[]) => unknown; waitingCount: number };
  // a checkout for several statements (claimPairs): each statement logged, the first with the wait for the connection
  const connect = p.connect.bind(p);
  p.connect = (...args: unknown[]) => {
    if (args.length) return connect(...args); // pool.query's own checkout (callback form)
    const store = als.getStore();
    const t0 = performance.now();
    const waiting = p.waitingCount;
    return (connect() as Promise<Checkout>).then((client) => {
      if (!store) return client;
      const query = client.query, release = client.release;
      let from = t0;
      client.query = (...a: unknown[]) => {
        const t1 = from;
        from = performance.now();
        const r = query.apply(client, a) as Promise<unknown>;
        const text = sqlOf(a[0]);
        if (text !== null) {
          const sql = text.replace(/\s+/g, " ").slice(0, 48);
          r.then(() => store.push({ sql, ms: Number((performance.now() - t1).toFixed(1)), waiting: t1 === t0 ? waiting : 0 }), () => {});
        }
        return r;
      };
      client.release = (...a: unknown[]) => { client.query = query; client.release = release; return release.apply(client, a); };
      return client;
    });
  };
  const orig = p.query.bind(p);
  p.query = (...args: unknown[]) => {
    const store = als.getStore();
    const t0 = performance.now();
    const waiting = p.waitingCount;
    const r = orig(...args) as Promise<unknown>;
    const text = sqlOf(args[0]);
    if (store && text !== null) {
      const sql = text.replace(/\s+/g, " ").slice(0, 48);
      r.then(() => store.push({ sql, ms: Number((performance.now() - t0).toFixed(1)), waiting }), () => {});
    }
    return r;
  };
}

const esc = (v: unknown) => v === null ? "\\N" : String(v).replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\t/g, "\\t");
async function copy(table: string, columns: string, rows: () => Generator<unknown[]>) {
  const client = await pool().connect();
  try {
    const lines = function* () { for (const r of rows()) yield `${r.map(esc).join("\t")}\n`; };
    await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
  } finally {
    client.release();
  }
}

/** PAIRS pending single pairs over real demo-corpus text, one evidence segment each, varied quality scores. */
async function seed() {
  const texts = demoDocs().map((d) => d.text.slice(0, 900));
  await pool().query(`INSERT INTO corpus (id, name, tokenizer, segment_count) VALUES (1, 'bench', 'mistral', ${PAIRS})`);
  await copy("document", "id, corpus_id, sha256, text, char_count, token_count, segment_count", function* () {
    for (let d = 1; d <= PAIRS; d++) yield [d, 1, `sha${d}`, `bench document ${d}`, 20, 4, 1];
  });
  await copy("segment", "id, document_id, corpus_id, index, text, token_count, char_start, char_end", function* () {
    for (let s = 1; s <= PAIRS; s++) { const t = texts[s % texts.length]!; yield [s, s, 1, 0, t, 160, 0, t.length]; }
  });
  await copy("pair", "id, key, type, corpus_id, document_id, question, answer, support, status, original, provider, model, prompt_version, quality_flags, quality_score", function* () {
    for (let i = 1; i <= PAIRS; i++) {
      const quote = texts[i % texts.length]!.slice(0, 80);
      yield [i, `bench:${i}`, "single", 1, i, `What does text ${i} report?`, quote, JSON.stringify([quote]), "pending",
        JSON.stringify({ question: `q${i}` }), "bench", "gpt-4o-mini", "in2-qa-v1", "[]", i % 4 === 0 ? 0.7 + (i % 13) / 100 : 1];
    }
  });
  await copy("pair_evidence", "pair_id, piece, segment_id, document_id", function* () {
    for (let i = 1; i <= PAIRS; i++) yield [i, 1, i, i];
  });
  await pool().query(`SELECT setval('pair_id_seq', ${PAIRS}); SELECT setval('segment_id_seq', ${PAIRS}); SELECT setval('document_id_seq', ${PAIRS})`);
  await pool().query("VACUUM ANALYZE");
}

/** The two routes the review page uses, on a real HTTP port (NextRequest in, streamed Response out). */
function serve(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const t0 = performance.now();
    const queries: Query[] = [];
    void als.run(queries, async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const nreq = new NextRequest(url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
      const m = /^\/api\/pairs\/(\d+)$/.exec(url.pathname);
      const response = url.pathname === "/api/pairs/next" ? await nextRoute(nreq, { params: Promise.resolve({}) })
        : url.pathname === "/api/legacy/next" ? await legacyNextRoute(nreq, { params: Promise.resolve({}) })
        : m && req.method === "PATCH" ? await patchRoute(nreq, { params: Promise.resolve({ id: m[1]! }) })
        : new Response("not found", { status: 404 });
      res.writeHead(response.status, { "content-type": "application/json" });
      res.end(Buffer.from(await response.arrayBuffer()));
      if (TRACE) served.push({ path: `${req.method} ${url.pathname}`, at: t0, ms: performance.now() - t0, queries });
    }).catch((err: Error) => { res.writeHead(500); res.end(err.message); });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  })));
}

/** CPU ms of PostgreSQL (the postmaster's reaped children and its live ones), read from /proc (Linux). */
let postmaster = 0;
function postgresCpuMs(): number {
  try {
    const tick = 10; // USER_HZ 100
    const stat = (pid: number | string) => { const s = fs.readFileSync(`/proc/${pid}/stat`, "utf8"); return s.slice(s.lastIndexOf(")") + 2).split(" "); };
    const own = stat(postmaster);
    let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
    for (const d of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const f = stat(d);
        if (Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
      } catch { /* exited meanwhile */ }
    }
    return ticks * tick;
  } catch {
    return NaN;
  }
}
const serverCpuMs = (since: NodeJS.CpuUsage) => { const u = process.cpuUsage(since); return Math.round((u.user + u.system) / 1000); };

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s.length ? Number(s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1)) : null; };

async function phase(name: string, base: string, cookies: string[], seconds: number, opts: { peek?: boolean; legacy?: boolean } = {}) {
  const spec: PhaseSpec = { base, cookies, seconds, peek: Boolean(opts.peek), seedOffset: opts.peek ? 1000 : opts.legacy ? 2000 : 0,
    path: opts.legacy ? "/api/legacy/next" : "/api/pairs/next" };
  served.length = 0;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // --trace: CPU of the server, the clients and PostgreSQL over the first second (the start burst) and the phase
  const cpu0 = process.cpuUsage(), pg0 = TRACE ? postgresCpuMs() : 0;
  const burst = { server: 0, pg: 0 };
  const timer = TRACE ? setTimeout(() => { burst.server = serverCpuMs(cpu0); burst.pg = postgresCpuMs() - pg0; }, 1000) : undefined;
  const start = performance.now();
  const t = CLIENTS === "inline" ? await runReviewers(spec) : await inChild(spec);
  clearTimeout(timer);
  const cpu = { server: serverCpuMs(cpu0), pg: TRACE ? postgresCpuMs() - pg0 : 0 };
  loop.disable();
  if (TRACE) {
    // inline: the clients' CPU is the server process's too
    console.error(`${name}: CPU ms, first second: server ${burst.server}${CLIENTS === "inline" ? " (incl. clients)" : ` · clients ${t.cpuMs.firstSecond}`} · postgres ${burst.pg}; whole phase: server ${cpu.server}${CLIENTS === "inline" ? "" : ` · clients ${t.cpuMs.phase}`} · postgres ${cpu.pg} (${t.nextMs.length} next-pair, ${t.decideMs.length} decision requests; per request ${((cpu.server + cpu.pg) / Math.max(1, t.nextMs.length + t.decideMs.length)).toFixed(2)} ms server + postgres)`);
    const firstSecond = t.nextAt.map((at, i) => (at <= 1000 ? t.nextMs[i]! : null)).filter((x): x is number => x !== null);
    const later = t.nextAt.map((at, i) => (at > 1000 ? t.nextMs[i]! : null)).filter((x): x is number => x !== null);
    console.error(`${name}: next-pair at the client, first second (everyone starts at once): n=${firstSecond.length} p50/max ${pct(firstSecond, 0.5)}/${pct(firstSecond, 1)} ms; after it: n=${later.length} p50/p99/max ${pct(later, 0.5)}/${pct(later, 0.99)}/${pct(later, 1)} ms`);
    const late = served.filter((s) => s.path.endsWith("/next") && s.at - start > 1000).map((s) => s.ms);
    const early = served.filter((s) => s.path.endsWith("/next") && s.at - start <= 1000).map((s) => s.ms);
    console.error(`${name}: server time of next, first second: n=${early.length} p50/max ${pct(early, 0.5)}/${pct(early, 1)} ms; after: n=${late.length} p50/p99/max ${pct(late, 0.5)}/${pct(late, 0.99)}/${pct(late, 1)} ms`);
    const nexts = served.filter((s) => s.path.endsWith("/next"));
    const extra = nexts.filter((s) => s.queries.length > 2).length;
    console.error(`${name}: next-pair requests that needed more than 2 queries (session + one claim statement): ${extra} of ${nexts.length}`);
    console.error(`${name}: event-loop delay p50/p99/max ${(loop.percentile(50) / 1e6).toFixed(1)}/${(loop.percentile(99) / 1e6).toFixed(1)}/${(loop.max / 1e6).toFixed(1)} ms`);
    for (const s of [...served].filter((s) => s.path.endsWith("/next")).sort((a, b) => b.ms - a.ms).slice(0, 12))
      console.error(`  ${s.path} at ${((s.at - start) / 1000).toFixed(2)} s: ${s.ms.toFixed(1)} ms server · ${s.queries.map((q) => `${q.sql.slice(0, 30)}… ${q.ms} ms (${q.waiting} waiting)`).join(" · ")}`);
  }
  const attempts = t.decisions + t.conflicts;
  const row = { phase: name, seconds, decisions: t.decisions, conflicts: t.conflicts, errors: t.errors,
    conflictPct: attempts ? Number((100 * t.conflicts / attempts).toFixed(2)) : 0,
    nextP50: pct(t.nextMs, 0.5), nextP99: pct(t.nextMs, 0.99), decideP50: pct(t.decideMs, 0.5), decideP99: pct(t.decideMs, 0.99) };
  console.error(`${name.padEnd(22)} ${row.decisions} decisions · ${row.conflictPct}% conflicts · ${row.errors} errors · next p50/p99 ${row.nextP50}/${row.nextP99} ms · decision p50/p99 ${row.decideP50}/${row.decideP99} ms`);
  return row;
}

const db = await benchDatabase();
const server = await serve();
if (TRACE) instrumentPool();
{
  const { rows } = await pool().query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
  postmaster = Number(fs.readFileSync(`/proc/${rows[0]!.pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
}
try {
  console.error(`seeding ${PAIRS.toLocaleString()} pending pairs · ${machine()}`);
  await seed();
  const cookies: string[] = [];
  for (let i = 0; i < REVIEWERS; i++) {
    const u = await createUser({ email: `r${i}@bench.in2`, role: "reviewer", password: "bench password 1" });
    cookies.push(`${SESSION_COOKIE}=${(await createSession(u.id)).token}`);
  }
  // the web server's start-up on an existing database (instrumentation.ts): its pool opened and warmed
  if (!values["no-warm"]) console.error(`warmed ${await warmServerConnections()} pooled connections`);
  await startChild();
  const rows = [];
  if (BASE_SECONDS > 0) rows.push(await phase("reference (no leases)", server.url, cookies, BASE_SECONDS, { peek: true }));
  let legacy: Awaited<ReturnType<typeof phase>> | null = null;
  const runLegacy = async () => {
    await pool().query(`DELETE FROM pair_lease`);
    return phase("legacy claim (rounds)", server.url, cookies, LEGACY_SECONDS, { legacy: true });
  };
  if (LEGACY_SECONDS > 0 && !LEGACY_LAST) legacy = await runLegacy();
  await pool().query(`DELETE FROM pair_lease`);
  const leased = await phase("leased queue", server.url, cookies, SECONDS);
  if (LEGACY_SECONDS > 0 && LEGACY_LAST) legacy = await runLegacy();
  rows.push(leased);
  const ref = rows.length > 1 ? rows[0]! : null;
  console.log(JSON.stringify({ bench: "team", machine: machine(), reviewers: REVIEWERS, pairs: PAIRS,
    conflictPct: leased.conflictPct, nextP99: leased.nextP99, decideP99: leased.decideP99,
    decisionsPerMinute: Math.round(leased.decisions * 60 / SECONDS),
    vsReference: ref ? { conflictPct: ref.conflictPct, decisionsPerMinute: Math.round(ref.decisions * 60 / BASE_SECONDS),
      throughputRatio: ref.decisions ? Number(((leased.decisions / SECONDS) / (ref.decisions / BASE_SECONDS)).toFixed(2)) : null } : null,
    legacyClaim: legacy ? { nextP50: legacy.nextP50, nextP99: legacy.nextP99, decideP99: legacy.decideP99, conflictPct: legacy.conflictPct } : null,
    clients: CLIENTS, load: os.loadavg().map((x) => Number(x.toFixed(2))), rows: legacy ? [...rows, legacy] : rows }));
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  (child as ChildProcess | null)?.kill();
  await server.close();
  pool().on("error", () => {});
  await db.stop();
}
