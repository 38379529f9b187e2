// npm run bench:review [-- --segments 1000000 --pairs 200000 --samples 300]: p50/p95 latency of the review
// calls (next pairs, a decision, filtered table pages and counts, the progress overview) and of seeded samples
// on a throwaway PostgreSQL seeded with COPY. Each review call is measured twice: the domain function, and the
// route handler (zod parsing, error wrapper, JSON). The seeded sample is compared with the full hash sort it
// replaced (the reference, measured in the same run). Above 2M segments the texts are one short sentence
// (10M segments of ~600 bytes would not fit the disk; review never reads more than a quote of them).
// --db DIR keeps the seeded cluster in DIR (seeded once, reused by later runs with the same sizes; new migrations
// are applied on start), so a fix can be measured again on 10M segments without an hour of seeding.
// --seed-only seeds (or migrates) the --db cluster and stops without measuring; --skip-recheck leaves out
// recheckQuality (at 2M templated pairs it takes the corpus-wide MinHash pass: ~10 min, 2.3 GB RSS).
import os from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { NextRequest } from "next/server";
import { from as copyFrom } from "pg-copy-streams";
import { GET as listRoute } from "@/app/api/pairs/route";
import { GET as nextRoute } from "@/app/api/pairs/next/route";
import { PATCH as patchRoute } from "@/app/api/pairs/[id]/route";
import { createSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { pool } from "@/lib/db/client";
import { bulkUpdate } from "@/lib/pairs/bulk";
import { countPairs, listPairs } from "@/lib/pairs/list";
import { pairOverview } from "@/lib/pairs/overview";
import { sampleSegments } from "@/lib/corpus/segments";
import { resolveRequest } from "@/lib/generate/params";
import { selectCandidates } from "@/lib/generate/select";
import { recheckQuality } from "@/lib/pairs/quality";
import { nextPairs } from "@/lib/pairs/queue";
import type { PairListQuery } from "@/lib/pairs/schemas";
import { updatePair } from "@/lib/pairs/update";
import fs from "node:fs";
import path from "node:path";
import { startCluster } from "@/lib/db/cluster";
import { closeDb } from "@/lib/db/client";
import { createDatabaseIfMissing, withPool } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { benchDatabase, demoDocs, machine } from "./support";

const { values } = parseArgs({ options: { segments: { type: "string", default: "1000000" }, pairs: { type: "string", default: "200000" }, samples: { type: "string", default: "300" }, db: { type: "string" }, "seed-only": { type: "boolean", default: false }, "skip-recheck": { type: "boolean", default: false } } });
const SEGMENTS = Number(values.segments);
const PAIRS = Number(values.pairs);
const SAMPLES = Number(values.samples);
const SEGS_PER_DOC = 10;
const MODELS = ["gpt-4o-mini", "llama-3.1-8b", "qwen2.5-7b"];
const SHORT_TEXTS = SEGMENTS > 2_000_000;
const FLAGS = ["support_not_found", "meta_phrase", "answer_unsupported", "near_duplicate", "question_too_short"];

/** Real text: the demo corpus's paragraphs grouped into ~128-token chunks, cycled over every segment. */
const texts: string[] = [];
for (const d of demoDocs()) {
  let buf: string[] = [];
  for (const p of d.text.split("\n")) {
    buf.push(p);
    if (buf.join(" ").split(" ").length >= 100) { texts.push(buf.join("\n")); buf = []; }
  }
}
if (SHORT_TEXTS) texts.splice(0, texts.length, ...texts.map((t) => t.split(/(?<=[.!?])\s+/)[0]!.slice(0, 160)));
const sentenceOf = (t: string) => t.split(/(?<=[.!?])\s+/).find((s) => s.split(" ").length >= 8) ?? t.slice(0, 120);
const esc = (v: unknown) => v === null ? "\\N" : String(v).replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");

async function copy(table: string, columns: string, rows: () => Generator<unknown[]>) {
  const client = await pool().connect();
  try {
    const lines = function* () { for (const r of rows()) yield `${r.map(esc).join("\t")}\n`; };
    await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
  } finally {
    client.release();
  }
}

async function seed() {
  const t0 = performance.now();
  // Review never searches segment or document text: building those GIN indexes on 1M texts takes minutes.
  await pool().query(`DROP INDEX IF EXISTS segment_text_fts_idx; DROP INDEX IF EXISTS document_text_fts_idx;
    INSERT INTO corpus (id, name, tokenizer, segment_count) VALUES (1, 'bench', 'mistral', ${SEGMENTS})`);
  const docs = Math.ceil(SEGMENTS / SEGS_PER_DOC);
  await copy("document", "id, corpus_id, sha256, text, char_count, token_count, segment_count", function* () {
    for (let d = 1; d <= docs; d++) yield [d, 1, `sha${d}`, `bench document ${d}`, 20, 4, SEGS_PER_DOC];
  });
  const segText = (id: number) => texts[id % texts.length]!;
  // key_hash: a uniform 64-bit stand-in for hashtextextended(key, 0) (the walk only needs uniform hashes), so the
  // seeding needs no 10M-row UPDATE; secondary indexes are built after the COPY (faster than maintaining them).
  await pool().query(`DROP INDEX segment_corpus_id_key_hash_idx; DROP INDEX segment_corpus_id_id_idx; DROP INDEX segment_token_count_id_idx`);
  await copy("segment", "id, document_id, corpus_id, index, text, token_count, char_start, char_end, key_hash", function* () {
    for (let s = 1; s <= SEGMENTS; s++) yield [s, Math.ceil(s / SEGS_PER_DOC), 1, (s - 1) % SEGS_PER_DOC, segText(s), 140, 0, segText(s).length, hash64(s)];
  });
  await pool().query(`CREATE INDEX segment_corpus_id_key_hash_idx ON segment (corpus_id, key_hash);
    CREATE INDEX segment_corpus_id_id_idx ON segment (corpus_id, id); CREATE INDEX segment_token_count_id_idx ON segment (token_count, id)`);
  const evidence: number[][] = [];
  await copy("pair", "id, type, corpus_id, document_id, question, answer, support, status, original, provider, model, prompt_version, quality_flags, quality_score, reviewer_id, edited", function* () {
    for (let i = 1; i <= PAIRS; i++) {
      const doc = ((i * 7919) % docs) + 1;
      const multi = i % 5 === 0;
      const pieces = multi ? 2 + (i % 4) : 1;
      const segs = Array.from({ length: pieces }, (_, k) => (doc - 1) * SEGS_PER_DOC + 1 + k);
      evidence.push(segs);
      const support = segs.slice(0, multi ? 2 : 1).map((s) => sentenceOf(segText(s)));
      const words = [...new Set(support[0]!.match(/\b[A-Za-z]{6,}\b/g) ?? [])].slice(0, 3);
      const question = `What happened with ${words.join(", ")} (case ${i})?`;
      const flags = i % 3 === 0 ? [{ code: FLAGS[i % FLAGS.length], reason: "bench", severity: i % 2 ? "error" : "warning" }] : [];
      const status = i % 10 < 6 ? "pending" : i % 10 < 8 ? "accepted" : i % 10 < 9 ? "rejected" : "flagged";
      yield [i, multi ? "multi" : "single", 1, doc, question, support.join(" "), JSON.stringify(support), status,
        JSON.stringify({ question, answer: support.join(" "), support }), "bench", MODELS[i % 3], `v${i % 2 + 1}`, JSON.stringify(flags),
        flags.length ? (i % 2 ? 0.6 : 0.85) - (i % 7) / 100 : 1, status === "pending" ? null : 1, i % 11 === 0];
    }
  });
  await copy("pair_evidence", "pair_id, piece, segment_id, document_id", function* () {
    for (let i = 0; i < evidence.length; i++) for (const [k, s] of evidence[i]!.entries()) yield [i + 1, k + 1, s, Math.ceil(s / SEGS_PER_DOC)];
  });
  await copy("pair_event", "pair_id, actor_id, kind, after", function* () {
    for (let i = 1; i <= PAIRS; i++) yield [i, null, "created", "{}"];
  });
  await pool().query(`SELECT setval('pair_id_seq', ${PAIRS}); SELECT setval('segment_id_seq', ${SEGMENTS}); SELECT setval('document_id_seq', ${docs})`);
  await pool().query("VACUUM ANALYZE");
  return (performance.now() - t0) / 1000;
}

/** splitmix64 of the id, as a signed decimal: uniform, reproducible, no database round trip. */
function hash64(id: number): string {
  let z = BigInt.asUintN(64, BigInt(id) * 0x9e3779b97f4a7c15n);
  z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
  z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
  return String(BigInt.asIntN(64, z ^ (z >> 31n)));
}

async function measure(name: string, fn: (i: number) => Promise<unknown>, n = SAMPLES, warmups = 10) {
  for (let i = 0; i < warmups; i++) await fn(i);
  const ms: number[] = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); await fn(i + warmups); ms.push(performance.now() - t); }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!;
  const row = { call: name, p50: q(0.5).toFixed(1), p95: q(0.95).toFixed(1), max: q(1).toFixed(1) };
  console.log(`${row.call.padEnd(58)} p50 ${row.p50.padStart(6)} ms  p95 ${row.p95.padStart(6)} ms  max ${row.max.padStart(7)} ms`);
  return row;
}

let cookie = "";
const req = (url: string, method = "GET", body?: unknown) => new NextRequest(`http://bench${url}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { "content-type": "application/json", origin: "http://bench", cookie } });
const noParams = { params: Promise.resolve({}) };
async function ok(res: Response) { if (!res.ok) throw new Error(`${res.status} ${await res.text()}`); return res.json(); }

/** A kept cluster in --db DIR (durable settings off, like benchDatabase), migrated on every start. */
async function keptDatabase(dir: string): Promise<{ stop(): Promise<void> }> {
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const cluster = await startCluster({ dataDir: path.join(dir, "pg"), throwaway: true });
  await createDatabaseIfMissing(cluster.url("postgres"), "bench");
  await withPool(cluster.url("bench"), (p) => migrate(p));
  process.env.DATABASE_URL = cluster.url("bench");
  return { async stop() { await closeDb(); await cluster.stop(); } };
}

const db = values.db ? await keptDatabase(path.resolve(values.db)) : await benchDatabase();
try {
  const seeded = (await pool().query<{ n: number }>(`SELECT count(*)::int n FROM corpus WHERE name = 'bench'`)).rows[0]!.n > 0;
  if (seeded) {
    const { rows: [have] } = await pool().query<{ s: number; p: number }>(`SELECT (SELECT segment_count FROM corpus WHERE id = 1) s, (SELECT max(id) FROM pair) p`);
    if (have!.s !== SEGMENTS || have!.p < PAIRS) throw new Error(`--db ${values.db} holds ${have!.s} segments and ${have!.p} pairs, not ${SEGMENTS}/${PAIRS}: use another dir`);
    console.log(`reusing the seeded database in ${values.db} · ${machine()}`);
  } else {
    console.log(`seeding ${SEGMENTS.toLocaleString()} segments and ${PAIRS.toLocaleString()} pairs with COPY…`);
    console.log(`seeded in ${(await seed()).toFixed(0)} s · ${machine()}`);
  }
  if (values["seed-only"]) throw Object.assign(new Error("seeded"), { seedOnly: true });
  // the routes require a signed-in reviewer: session lookup is part of every measured route call
  const email = `bench-${Date.now()}@in2.studio`;
  cookie = `${SESSION_COOKIE}=${(await createSession((await createUser({ email, role: "reviewer", password: "bench password 1" })).id)).token}`;
  const rows: Awaited<ReturnType<typeof measure>>[] = [];
  // A reviewer walking the queue: each call continues after the previous page's cursor.
  let after: string | undefined;
  rows.push(await measure("next pairs (5, with evidence), lowest score first", async () => { after = (await nextPairs({ order: "lowest", after, limit: 5 })).next ?? undefined; }));
  let hAfter: string | undefined;
  rows.push(await measure("next pairs, highest first, type=multi", async () => { hAfter = (await nextPairs({ order: "highest", type: "multi", after: hAfter, limit: 5 })).next ?? undefined; }));
  let rAfter: string | undefined;
  rows.push(await measure("  route GET /api/pairs/next", async () => { rAfter = ((await ok(await nextRoute(req(`/api/pairs/next?limit=5${rAfter ? `&after=${encodeURIComponent(rAfter)}` : ""}`), noParams))) as { next: string }).next; }));
  const pendingRows = (await pool().query<{ id: number; version: number }>(`SELECT id, version FROM pair WHERE status = 'pending' ORDER BY id DESC LIMIT ${2 * SAMPLES + 40}`)).rows;
  const pending = pendingRows.map((r) => r.id);
  rows.push(await measure("decision (PATCH status, version check, event)", (i) => updatePair(pending[i]!, { version: pendingRows[i]!.version, status: "accepted" }, 1)));
  rows.push(await measure("  route PATCH /api/pairs/:id", async (i) => { const r = pendingRows[SAMPLES + 20 + i]!; await ok(await patchRoute(req(`/api/pairs/${r.id}`, "PATCH", { version: r.version, status: "rejected" }), { params: Promise.resolve({ id: String(r.id) }) })); }));
  const filters: [string, PairListQuery][] = [
    ["list pending, lowest score first", { status: "pending", sort: "score_asc" }],
    ["list flag=meta_phrase", { flag: "meta_phrase" }],
    ["list model + prompt + status", { model: "qwen2.5-7b", promptVersion: "v2", status: "accepted" }],
    ["list full-text q=\"council vote\"", { q: "council vote" }],
    ["list multi, edited, recently changed", { type: "multi", edited: "true", sort: "updated" }],
  ];
  for (const [name, f] of filters) {
    rows.push(await measure(name, () => listPairs({ ...f, limit: 100 }), 100));
    rows.push(await measure(`  count: ${name.replace("list ", "")}`, () => countPairs(f), 100));
  }
  let deep: string | undefined;
  rows.push(await measure("list pages 1…n by keyset (newest)", async () => { deep = (await listPairs({ after: deep, limit: 100 })).next ?? undefined; }));
  rows.push(await measure("  route GET /api/pairs?flag=any&sort=score_asc", async () => ok(await listRoute(req("/api/pairs?flag=any&sort=score_asc&limit=100"), noParams)), 100));
  rows.push(await measure("progress overview (all counts and rates)", () => pairOverview(), 30));
  // seeded sampling: the index walk, against the full hash sort it replaced (3 samples after 1 warm-up: ~16 s each at 10M)
  const walk = await measure("seeded sample of 50 segments (index walk)", (i) => sampleSegments({ corpusId: 1, n: 50, seed: i }), 100);
  rows.push(walk);
  rows.push(await measure("generation selection: 1,000 single segments", (i) => selectCandidates(pool(), resolveRequest({ type: "single", count: 1000, corpusId: 1, seed: i, provider: "offline" })), 30));
  rows.push(await measure("generation selection: 1,000 multi documents", (i) => selectCandidates(pool(), resolveRequest({ type: "multi", count: 1000, corpusId: 1, seed: i, provider: "offline" })), 30));
  const fullSort = await measure("  reference: the same sample by full hash sort (before)", (i) => pool().query(
    `SELECT s.id FROM segment s JOIN document d ON d.id = s.document_id WHERE s.corpus_id = 1
     ORDER BY hashtextextended(d.sha256 || ':' || s.index, $1), d.sha256 COLLATE "C", s.index, s.id LIMIT 50`, [i]), 3, 1);
  const sampleSpeedup = Number(fullSort.p50) / Math.max(0.1, Number(walk.p50));
  rows.push(fullSort);
  const t1 = performance.now();
  const recheck = values["skip-recheck"] ? { changed: NaN } : await recheckQuality(pending.slice(0, 200));
  const recheckMs = values["skip-recheck"] ? NaN : (performance.now() - t1) / 200;
  const bulkFilter = { status: "pending" as const, model: "gpt-4o-mini", promptVersion: "v1", flag: "support_not_found" };
  const n = await countPairs(bulkFilter);
  const t2 = performance.now();
  await bulkUpdate(bulkFilter, "flag", n, 1);
  console.log(`recheckQuality: ${recheckMs.toFixed(1)} ms per pair (200 pairs, ${recheck.changed} changed) · bulk flag of ${n} pairs: ${(performance.now() - t2).toFixed(0)} ms`);
  const worst = Math.max(...rows.filter((r) => !r.call.includes("reference")).map((r) => Number(r.p95)));
  const p95 = (call: string) => Number(rows.find((r) => r.call.startsWith(call))!.p95);
  const targets = { nextPair: p95("next pairs (5"), decision: p95("decision"), filteredList: Math.max(...rows.filter((r) => r.call.startsWith("list ")).map((r) => Number(r.p95))),
    filteredCount: Math.max(...rows.filter((r) => r.call.startsWith("  count:")).map((r) => Number(r.p95))), overview: p95("progress overview") };
  console.log(JSON.stringify({ machine: machine(), load: os.loadavg()[0]!.toFixed(1), segments: SEGMENTS, pairs: PAIRS, worstP95: worst, targetsP95: targets, sampleSpeedup: Number(sampleSpeedup.toFixed(0)), rows }));
} catch (err) {
  if (!(err as { seedOnly?: boolean }).seedOnly) {
    console.error(err);
    process.exitCode = 1;
  }
} finally {
  pool().on("error", () => {}); // the cluster stops under idle connections: not an error of the run
  await db.stop();
}
