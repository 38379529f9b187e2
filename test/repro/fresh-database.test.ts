import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withPool } from "@/lib/db/database";
import { runNode } from "../support/cli";
import { TEMPLATE_DB, withDatabase } from "../support/global-setup";

/**
 * The promise of issue 11: the same corpus file and the same choices give the same bytes on a fresh database.
 * The demo corpus's first documents are written as two files; database A imports them in one order, database B
 * in the other, so every document, segment and pair gets a different id. Both then run the whole CLI path
 * (import → generate offline → review → assemble → export) with the same seeds: the exports must be
 * byte-identical. Each stage is also compared by content key, so a failure names the first stage that diverged.
 */
const DOCS = 100;
const SEEDS = { generate: "7", assemble: "3", export: "3" };
const ASSEMBLY = ["--min-tokens", "1024", "--max-tokens", "4096", "--short-ratio", "0.2"];
const FORMATS = ["film", "chat", "raw"] as const;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-repro-"));
const halves = [path.join(dir, "news-a.jsonl"), path.join(dir, "news-b.jsonl")] as const;
const databases: string[] = [];

interface Stages { segments: string[]; pairs: string[]; reviewed: string[]; contexts: string[] }
interface Run { exports: Record<string, { sha256: string; rows: number; file: string }>; docIds: Map<string, number>; stages: Stages }

async function freshDatabase(): Promise<string> {
  const adminUrl = inject("pgAdminUrl");
  const name = `t_repro_${crypto.randomBytes(5).toString("hex")}`;
  await withPool(adminUrl, (p) => p.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`));
  databases.push(name);
  return withDatabase(adminUrl, name);
}

/**
 * Runs the steps on one database in one process (test/repro/journey.mjs: each step through the CLI's entry,
 * cli/main.ts), so each "machine" has module state of its own. Returns each command's JSON line.
 */
async function machine(url: string, steps: (string[] | { review: string })[]): Promise<Record<string, unknown>[]> {
  const { code, stdout, stderr } = await runNode(path.join("test", "repro", "journey.mjs"), [JSON.stringify(steps)], { DATABASE_URL: url });
  if (process.env.IN2_REPRO_TIMES) console.error(stderr.split("\n").filter((l) => l.startsWith("[time]")).join("\n"));
  if (code !== 0) throw new Error(`journey failed (exit ${code}):\n${stderr.slice(-4000)}`);
  return stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function stage(url: string, sql: string): Promise<string[]> {
  return withPool(url, async (p) => (await p.query<{ v: string }>(sql)).rows.map((r) => r.v).sort());
}

async function journey(name: string, order: readonly string[]): Promise<Run> {
  const url = await freshDatabase();
  const file = (format: string) => path.join(dir, `${name}-${format}.jsonl`);
  const generate = (type: string, count: number) =>
    ["generate", "--type", type, "--count", String(count), "--corpus", "news", "--seed", SEEDS.generate, "--provider", "offline", "--wait"];
  const replies = await machine(url, [
    ["import", ...order, "--corpus", "news"],
    generate("single", 30),
    generate("multi", 10),
    { review: "accept-unflagged" },
    ["assemble", "--status", "accepted", ...ASSEMBLY, "--seed", SEEDS.assemble, "--wait"],
    ...FORMATS.map((format) => ["export", "--format", format, "--seed", SEEDS.export, ...ASSEMBLY, "--out", file(format)]),
  ]);
  const exports: Run["exports"] = {};
  FORMATS.forEach((format, i) => {
    const r = replies[5 + i]!;
    const bytes = fs.readFileSync(file(format));
    expect(r.sha256).toBe(crypto.createHash("sha256").update(bytes).digest("hex"));
    exports[format] = { sha256: String(r.sha256), rows: Number(r.rows), file: file(format) };
  });
  const stages: Stages = {
    segments: await stage(url, `SELECT d.sha256 || ':' || s.index || ' ' || md5(s.text) || ' ' || s.token_count AS v
      FROM segment s JOIN document d ON d.id = s.document_id`),
    pairs: await stage(url, `SELECT key || ' ' || md5(question || answer) || ' ' || quality_flags::text AS v FROM pair`),
    reviewed: await stage(url, `SELECT key || ' ' || status AS v FROM pair`),
    contexts: await stage(url, `
      SELECT p.key || ' ' || c.kind || ' ' || c.target_tokens || ' ' || c.total_tokens || ' ' || (
        SELECT string_agg(d.sha256 || ':' || s.index || '/' || (e->>'role'), ',' ORDER BY o)
        FROM jsonb_array_elements(c.spans) WITH ORDINALITY AS x(e, o)
        JOIN segment s ON s.id = (e->>'segmentId')::int JOIN document d ON d.id = s.document_id) AS v
      FROM context c JOIN pair p ON p.id = c.pair_id`),
  };
  const docIds = await withPool(url, async (p) => {
    const { rows } = await p.query<{ sha256: string; id: number }>(`SELECT sha256, id FROM document`);
    return new Map(rows.map((r) => [r.sha256, r.id]));
  });
  return { exports, docIds, stages };
}

/** The first line where two JSON Lines files differ, for a readable failure. */
function firstDifference(a: string, b: string): string {
  const at = (x: string, y: string) => { let k = 0; while (k < x.length && x[k] === y[k]) k++; return k; };
  const la = fs.readFileSync(a, "utf8").split("\n");
  const lb = fs.readFileSync(b, "utf8").split("\n");
  const i = la.findIndex((l, k) => l !== lb[k]);
  if (i < 0) return `line counts ${la.length} vs ${lb.length}`;
  const k = Math.max(0, at(la[i]!, lb[i] ?? "") - 200);
  return `line ${i + 1}, from character ${k}:\nA …${la[i]!.slice(k, k + 400)}\nB …${(lb[i] ?? "").slice(k, k + 400)}`;
}

let a: Run;
let b: Run;

beforeAll(async () => {
  const lines = zlib.gunzipSync(fs.readFileSync(path.join(process.cwd(), "data", "demo", "c4-realnewslike-1000.jsonl.gz")))
    .toString("utf8").split("\n").filter(Boolean).slice(0, DOCS);
  fs.writeFileSync(halves[0], `${lines.slice(0, DOCS / 2).join("\n")}\n`);
  fs.writeFileSync(halves[1], `${lines.slice(DOCS / 2).join("\n")}\n`);
  a = await journey("a", [halves[0], halves[1]]);
  b = await journey("b", [halves[1], halves[0]]);
}, 300_000);

afterAll(async () => {
  await withPool(inject("pgAdminUrl"), async (p) => {
    for (const name of databases) await p.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  if (!process.env.IN2_REPRO_KEEP) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the same corpus files and seeds on two fresh databases", () => {
  it("really did store the documents under different ids", () => {
    expect(a.docIds.size).toBe(DOCS);
    expect([...b.docIds.keys()].sort()).toEqual([...a.docIds.keys()].sort());
    const moved = [...a.docIds].filter(([sha, id]) => b.docIds.get(sha) !== id).length;
    expect(moved).toBeGreaterThan(DOCS / 2);
  });

  it.each(["segments", "pairs", "reviewed", "contexts"] as const)("agree on the %s, by content key", (name) => {
    expect(a.stages[name].length).toBeGreaterThan(15);
    const onlyA = a.stages[name].filter((v) => !b.stages[name].includes(v));
    const onlyB = b.stages[name].filter((v) => !a.stages[name].includes(v));
    expect({ onlyA: onlyA.slice(0, 5), onlyB: onlyB.slice(0, 5), counts: [onlyA.length, onlyB.length] })
      .toEqual({ onlyA: [], onlyB: [], counts: [0, 0] });
  });

  it.each(["film", "chat"] as const)("export byte-identical %s files", (format) => {
    const x = a.exports[format]!;
    const y = b.exports[format]!;
    expect(x.rows).toBeGreaterThan(15);
    expect(y.rows).toBe(x.rows);
    expect(y.sha256, firstDifference(x.file, y.file)).toBe(x.sha256);
  });

  // The raw format also carries each database's own ids beside the content keys (to trace a row back into
  // that database); they are all that may differ.
  it("export raw files that differ in nothing but database ids", () => {
    const x = a.exports.raw!;
    const y = b.exports.raw!;
    expect(y.rows).toBe(x.rows);
    const withoutIds = (file: string) => fs.readFileSync(file, "utf8").split("\n").filter(Boolean)
      .map((l) => JSON.stringify(JSON.parse(l, (k, v: unknown) => (k === "id" || k.endsWith("_id") ? undefined : v))));
    const [lx, ly] = [withoutIds(x.file), withoutIds(y.file)];
    expect(lx.length).toBeGreaterThan(15);
    expect(lx.join("\n").includes("segment_key")).toBe(true);
    expect(ly).toEqual(lx);
  });
});
