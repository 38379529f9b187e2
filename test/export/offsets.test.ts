import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "@/lib/corpus/importer";
import { pool } from "@/lib/db/client";
import { appContextStore } from "@/lib/export/contexts-adapter";
import { exportOptions } from "@/lib/export/params";
import { runExport } from "@/lib/export/run-export";
import { insertPairs } from "@/lib/pairs/create";
import { useTestDatabase } from "../support/db";
import { pySlice, readJsonl } from "./support";

/**
 * Offsets are Unicode code points, as Python counts: text outside the Basic Multilingual Plane (emoji, rare CJK)
 * takes two UTF-16 units in JavaScript but one code point, so a JS-index bug shifts every later span. The demo
 * corpus has no such characters, so this test writes its own documents and inserts the context recipe directly.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-export-offsets-"));
const DOCS = [
  "Filler one 🙂 with an emoji in the first line.\nAnd 𠀀𠀁 two rare CJK ideographs in the second.",
  "The evidence 🚀 says the launch moved to 𝟚𝟘𝟚𝟟 after the 👩‍🔬 team's review.\nCombining e\u0301 accents stay as they are.",
  "Filler two: mathematical 𝔸𝔹ℂ letters, and a flag 🇫🇷 at the end.",
];
let segs: { id: number; documentId: number; text: string; tokenCount: number }[];
let pairId: number;
let runId: number;

beforeAll(async () => {
  await useTestDatabase();
  const file = path.join(dir, "astral.jsonl");
  fs.writeFileSync(file, DOCS.map((text, i) => JSON.stringify({ text, url: `https://example.org/${i}` })).join("\n") + "\n");
  const { corpusId } = await importFiles({ corpus: "astral", files: [{ path: file }] });
  ({ rows: segs } = await pool().query(
    `SELECT id, document_id AS "documentId", text, token_count AS "tokenCount" FROM segment WHERE corpus_id = $1 ORDER BY document_id, index`, [corpusId]));
  expect(segs).toHaveLength(3);
  const [f1, ev, f2] = segs as [typeof segs[0], typeof segs[0], typeof segs[0]];
  [pairId] = await insertPairs([{ type: "single", corpusId, documentId: ev.documentId, question: "When is the launch?", answer: "In 2027.",
    support: ["the launch moved to 𝟚𝟘𝟚𝟟"], evidence: [{ piece: 1, segmentId: ev.id, documentId: ev.documentId }], provider: "seed", model: "m",
    promptVersion: "v", original: {} }]) as [number];
  await pool().query(`UPDATE pair SET status = 'accepted' WHERE id = $1`, [pairId]);
  // the recipe: filler, evidence, filler joined by "\n", offsets counted in code points
  let char = 0;
  let token = 0;
  const spans = [f1, ev, f2].map((s, i) => {
    const span = { segmentId: s.id, documentId: s.documentId, role: i === 1 ? "evidence" : "filler", piece: i === 1 ? 1 : null,
      charStart: char, charEnd: char + Array.from(s.text).length, tokenStart: token, tokenEnd: token + s.tokenCount };
    char = span.charEnd + 1;
    token = span.tokenEnd + 1;
    return span;
  });
  const { rows: run } = await pool().query<{ id: number }>(
    `INSERT INTO assembly_run (params, seed) VALUES ('{"minTokens": 1, "maxTokens": 100, "shortRatio": 0}', 'direct') RETURNING id`);
  runId = run[0]!.id;
  await pool().query(
    `INSERT INTO context (run_id, pair_id, kind, seed, target_tokens, total_tokens, tokenizer, spans, evidence_depths)
     VALUES ($1, $2, 'long', 'direct', $3, $3, 'mistral', $4, $5)`, [run[0]!.id, pairId, token - 1, JSON.stringify(spans), [0.5]]);
});

describe("export offsets", () => {
  it("are code points: context[char_start:char_end] is the segment, in JavaScript and in Python", async () => {
    const r = await runExport({ options: exportOptions.parse({ format: "raw", runId }), out: path.join(dir, "astral.jsonl"), store: appContextStore });
    const [row] = readJsonl<{ id: number; context: string; seed: string; segments: { segment_id: number; char_start: number; char_end: number }[] }>(r.out);
    expect(row!.id).toBe(pairId);
    expect(row!.seed).toBe("direct");
    expect(row!.context).toBe(segs.map((s) => s.text).join("\n"));
    expect(row!.context.length).toBeGreaterThan(Array.from(row!.context).length);
    for (const s of row!.segments) expect(pySlice(row!.context, s.char_start, s.char_end)).toBe(segs.find((x) => x.id === s.segment_id)!.text);

    if (spawnSync("python3", ["--version"]).status !== 0) return;
    fs.writeFileSync(path.join(dir, "expected.json"), JSON.stringify(Object.fromEntries(segs.map((s) => [s.id, s.text]))));
    const py = `import json,sys
exp = json.load(open(sys.argv[2], encoding="utf-8"))
for line in open(sys.argv[1], encoding="utf-8"):
    row = json.loads(line)
    for s in row["segments"]:
        assert row["context"][s["char_start"]:s["char_end"]] == exp[str(s["segment_id"])], s
print("ok", len(row["segments"]))`;
    expect(execFileSync("python3", ["-c", py, r.out, path.join(dir, "expected.json")], { encoding: "utf8" }).trim()).toBe("ok 3");
  });
});
