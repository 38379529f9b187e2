import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { appContextStore } from "@/lib/export/contexts-adapter";
import { FILM_PREAMBLE } from "@/lib/export/formats";
import { exportOptions, type ExportRequest } from "@/lib/export/params";
import { runExport } from "@/lib/export/run-export";
import { useTestDatabase } from "../support/db";
import { pySlice, readJsonl, seedExportData, segmentTexts, type Seeded } from "./support";

/** Pair ids in the order of their content keys (bytewise, as the C collation compares them). */
async function byKey(ids: number[]): Promise<number[]> {
  const { rows } = await pool().query<{ id: number; key: string }>(`SELECT id, key FROM pair WHERE id = ANY($1::int[])`, [ids]);
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((r) => r.id);
}

interface RawRow {
  id: number; key: string | null; type: string; question: string; answer: string; support: string[]; context: string; context_tokens: number; tokenizer: string;
  segments: { segment_id: number; segment_key: string | null; document_id: number; role: string; piece: number | null; char_start: number; char_end: number; token_start: number; token_end: number }[];
  evidence_depths: number[]; source: { document_id: number; url: string | null }; generator: Record<string, string>;
  review: { status: string; edited: boolean; reviewer: string | null }; seed: string;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-export-test-"));
// Small contexts keep the test quick; the bench covers the paper's 4K–32K range.
const BASE: ExportRequest = { format: "raw", seed: "7", minTokens: 1024, maxTokens: 4096, shortRatio: 0.25 };
let seeded: Seeded;

async function exportTo(name: string, request: Partial<ExportRequest> = {}) {
  return runExport({ options: exportOptions.parse({ ...BASE, ...request }), out: path.join(dir, name), store: appContextStore, batchSize: 5 });
}

beforeAll(async () => {
  await useTestDatabase();
  seeded = await seedExportData(24);
});

describe("export (raw, gzip) against real contexts", () => {
  it("writes every accepted pair once, in id order, and nothing rejected, flagged or pending", async () => {
    const r = await exportTo("raw.jsonl.gz");
    const rows = readJsonl<RawRow>(r.out);
    const accepted = seeded.ids.filter((id) => seeded.statusOf.get(id) === "accepted");
    expect(accepted.length).toBe(12);
    expect(rows.map((x) => x.id)).toEqual(await byKey(accepted));
    expect(r.rows).toBe(12);
    expect(r.unassembled).toBe(0);
    for (const x of rows) {
      expect(x.review).toEqual({ status: "accepted", edited: expect.any(Boolean), reviewer: seeded.reviewer });
      expect(x.generator).toEqual({ provider: "seed", model: "seed-model", prompt_version: "in2-v1" });
      expect(x.seed).toBe("7");
      expect(x.source.url).toMatch(/^https?:\/\//);
    }
    expect(new Set(rows.map((x) => x.type))).toEqual(new Set(["single", "multi", "short"]));
  });

  it("has spans whose code point slices are exactly the segment texts, tiling long contexts in order", async () => {
    const rows = readJsonl<RawRow>(path.join(dir, "raw.jsonl.gz"));
    const texts = await segmentTexts(rows.flatMap((x) => x.segments.map((s) => s.segment_id)));
    const { rows: ev } = await pool().query<{ id: number; n: number }>(`SELECT pair_id AS id, count(*)::int AS n FROM pair_evidence GROUP BY 1`);
    const pieces = new Map(ev.map((r) => [r.id, r.n]));
    for (const x of rows) {
      expect(Object.keys(x)).toEqual(["id", "key", "type", "question", "answer", "support", "context", "context_tokens", "example_tokens", "tokenizer",
        "token_offsets", "segments", "evidence_depths", "source", "generator", "review", "seed"]);
      for (const s of x.segments) expect(pySlice(x.context, s.char_start, s.char_end)).toBe(texts.get(s.segment_id));
      const evidence = x.segments.filter((s) => s.role === "evidence");
      expect(evidence.length).toBe(pieces.get(x.id));
      expect(x.evidence_depths).toHaveLength(evidence.length);
      for (const d of x.evidence_depths) expect(d).toBeGreaterThanOrEqual(0), expect(d).toBeLessThanOrEqual(1);
      for (const q of x.support) expect(x.context).toContain(q);
      if (x.type === "short") continue;
      expect(x.context_tokens).toBeGreaterThanOrEqual(1024);
      expect(x.context_tokens).toBeLessThanOrEqual(4096);
      expect(x.segments.filter((s) => s.role === "filler").length).toBeGreaterThan(0);
      expect(x.segments.map((s) => texts.get(s.segment_id)).join("\n")).toBe(x.context);
      x.segments.forEach((s, i) => { if (i) expect(s.char_start).toBe(x.segments[i - 1]!.char_end + 1); });
      expect(x.segments.at(-1)!.token_end).toBeLessThanOrEqual(x.context_tokens);
    }
  });

  it("writes a fixed gzip header and a manifest whose sha256 and counts match the file", async () => {
    const file = path.join(dir, "raw.jsonl.gz");
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "raw.manifest.json"), "utf8")) as Record<string, any>;
    expect(manifest.sha256).toBe(crypto.createHash("sha256").update(bytes).digest("hex"));
    expect(manifest.bytes).toBe(bytes.length);
    expect(manifest.rows).toBe(12);
    expect(manifest.counts.by_status).toEqual({ accepted: 12, pending: 0, rejected: 0, flagged: 0 });
    const rows = readJsonl<RawRow>(file);
    for (const t of ["single", "multi", "short"]) expect(manifest.counts.by_type[t]).toBe(rows.filter((x) => x.type === t).length);
    expect(manifest.tokenizer).toBe(rows[0]!.tokenizer);
    expect(manifest.parameters).toMatchObject({ statuses: ["accepted"], run_id: null, max_example_tokens: null });
    expect(manifest.compression).toBe("gzip");
    expect(manifest.compression_level).toBe(6);
    expect(manifest.recipe).toMatchObject({ seed: "7", min_tokens: 1024, max_tokens: 4096, short_ratio: 0.25, tokenizer: "mistral",
      eval_fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(manifest.runs).toHaveLength(1);
    expect(manifest.left_out).toEqual({});
    const longs = rows.filter((x) => x.type !== "short");
    const h = manifest.histograms.context_tokens as { bins: { count: number }[]; below: number; above: number };
    expect(h.bins.reduce((a, b) => a + b.count, 0) + h.below + h.above).toBe(longs.length);
    const d = manifest.histograms.evidence_depth as { bins: { count: number }[] };
    expect(d.bins.reduce((a, b) => a + b.count, 0)).toBe(longs.reduce((a, x) => a + x.evidence_depths.length, 0));
  });

  it("--compression-level 1 and 9 write the same rows as 6, in a larger / smaller file, and the manifest says which level", async () => {
    const six = fs.readFileSync(path.join(dir, "raw.jsonl.gz"));
    const fast = await exportTo("raw-l1.jsonl.gz", { compressionLevel: 1 });
    const small = await exportTo("raw-l9.jsonl.gz", { compressionLevel: 9 });
    const text = (f: string | Buffer) => zlib.gunzipSync(typeof f === "string" ? fs.readFileSync(f) : f).toString("utf8");
    expect(text(fast.out)).toBe(text(six));
    expect(text(small.out)).toBe(text(six));
    expect(fast.bytes).toBeGreaterThan(six.length);
    expect(small.bytes).toBeLessThanOrEqual(six.length);
    expect(fast.manifest.compression_level).toBe(1);
    expect((await exportTo("raw-plain.jsonl", { compressionLevel: 1 })).manifest.compression_level).toBeNull();
    expect(() => exportOptions.parse({ ...BASE, compressionLevel: 0 })).toThrow();
    expect(() => exportOptions.parse({ ...BASE, compressionLevel: 10 })).toThrow();
  });

  it("gives byte-identical files for the same state and seed, also when the contexts are assembled again", async () => {
    const first = fs.readFileSync(path.join(dir, "raw.jsonl.gz"));
    const again = await exportTo("raw-again.jsonl.gz");
    expect(fs.readFileSync(again.out).equals(first)).toBe(true);
    await pool().query(`DELETE FROM assembly_run`);
    const fresh = await exportTo("raw-fresh.jsonl.gz");
    expect(fresh.sha256).toBe(crypto.createHash("sha256").update(first).digest("hex"));
    // the same manifest but for the file name and the (new) assembly run it lists
    const strip = (f: string) => ({ ...JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")), file: null, runs: null });
    expect(strip("raw-fresh.manifest.json")).toEqual(strip("raw.manifest.json"));
  });
});

describe("export selections and formats", () => {
  it("includes rejected and flagged pairs only when asked for", async () => {
    const r = await exportTo("all.jsonl", { statuses: ["accepted", "rejected", "flagged"] });
    const ids = readJsonl<RawRow>(r.out).map((x) => x.id);
    expect(ids).toEqual(await byKey(seeded.ids.filter((id) => seeded.statusOf.get(id) !== "pending")));
    expect(r.manifest.counts.by_status).toEqual({ accepted: 12, pending: 0, rejected: 4, flagged: 4 });
  });

  it("filters by exported type (short = the original document kept as context)", async () => {
    const r = await exportTo("short.jsonl", { types: ["short"] });
    const rows = readJsonl<RawRow>(r.out);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((x) => x.type === "short" && x.review.status === "accepted")).toBe(true);
    const multi = readJsonl<RawRow>((await exportTo("multi.jsonl", { types: ["multi"] })).out);
    expect(multi.length).toBeGreaterThan(0);
    expect(multi.every((x) => x.type === "multi")).toBe(true);
  });

  it("writes the FILM template and chat messages with the same context, question, answer and content keys", async () => {
    const raw = readJsonl<RawRow>(path.join(dir, "raw.jsonl.gz"));
    const film = readJsonl<{ prompt: string; completion: string; meta: Record<string, unknown> & { pair_key: string } }>((await exportTo("film.jsonl", { format: "film" })).out);
    const chat = readJsonl<{ messages: { role: string; content: string }[]; meta: { pair_key: string } }>((await exportTo("chat.jsonl.gz", { format: "chat" })).out);
    expect(film.map((f) => f.meta.pair_key)).toEqual(raw.map((x) => x.key));
    // rows go by content key, and training rows carry no database id
    expect(raw.map((x) => x.key)).toEqual(raw.map((x) => x.key).sort((a, b) => (a! < b! ? -1 : 1)));
    expect(Object.keys(film[0]!.meta)).not.toContain("pair_id");
    for (const [i, x] of raw.entries())
      expect(film[i]!.meta.segment_keys).toEqual(x.segments.filter((s) => s.role === "evidence").sort((a, b) => a.piece! - b.piece!).map((s) => s.segment_key));
    raw.forEach((x, i) => {
      const body = `${FILM_PREAMBLE}\n\n### Context:\n${x.context}\n\n### Instruction:\n${x.question}`;
      expect(Object.keys(film[i]!)).toEqual(["prompt", "completion", "meta"]);
      expect(film[i]!.prompt).toBe(`[INST] ${body} [/INST]`);
      expect(film[i]!.completion).toBe(x.answer);
      expect(chat[i]!.messages).toEqual([{ role: "user", content: body }, { role: "assistant", content: x.answer }]);
      expect(chat[i]!.meta.pair_key).toBe(x.key);
    });
  });

  it("stops when cancelled and leaves neither the file nor a partial one", async () => {
    const abort = new AbortController();
    const out = path.join(dir, "cancelled.jsonl");
    const run = runExport({ options: exportOptions.parse(BASE), out, store: appContextStore, batchSize: 2, signal: abort.signal,
      onProgress: (p) => { if (p.rows >= 2) abort.abort(); } });
    await expect(run).rejects.toThrow();
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
    expect(fs.existsSync(path.join(dir, "cancelled.manifest.json"))).toBe(false);
  });
});
