import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "@/lib/corpus/importer";
import { getDocument, listDocuments } from "@/lib/corpus/documents";
import { listSegments, sampleSegments } from "@/lib/corpus/segments";
import { useTestDatabase } from "../support/db";
import { runCli } from "../support/cli";

let corpusId = 0;

beforeAll(async () => {
  await useTestDatabase();
  const s = await importFiles({ corpus: "demo", files: [{ path: path.join(process.cwd(), "data", "demo", "c4-realnewslike-1000.jsonl.gz") }] });
  corpusId = s.corpusId;
});

describe("browsing segments and documents", () => {
  it("pages through every segment by keyset without gaps or repeats", async () => {
    const seen: number[] = [];
    let after: number | undefined;
    for (;;) {
      const page = await listSegments({ corpusId, after, limit: 500 });
      seen.push(...page.items.map((s) => s.id));
      if (page.next === null) break;
      after = page.next;
    }
    expect(seen.length).toBe(3767); // (3,769 before entities were decoded at import) 3,716 by the paper's rule; 25 documents have a paragraph over 256 tokens, cut
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it("filters by token range and full-text search, and returns previews, not whole texts", async () => {
    const { items } = await listSegments({ corpusId, minTokens: 200, maxTokens: 220, limit: 500 });
    expect(items.length).toBeGreaterThan(10);
    for (const s of items) expect(s.tokenCount).toBeGreaterThanOrEqual(200), expect(s.tokenCount).toBeLessThanOrEqual(220);
    const hits = await listSegments({ corpusId, q: "hurricane", limit: 50 });
    expect(hits.items.length).toBeGreaterThan(0);
    // a search shows an excerpt around the hits (two fragments of ≤ 40 words), never the whole text
    for (const s of hits.items) expect(s.preview.length).toBeLessThanOrEqual(600), expect(s.preview).toMatch(/\uE000hurrican\w*\uE001/i);
  });

  it("samples the same segments for the same seed and others for another seed", async () => {
    const a = await sampleSegments({ corpusId, n: 25, seed: 1 });
    const b = await sampleSegments({ corpusId, n: 25, seed: 1 });
    const c = await sampleSegments({ corpusId, n: 25, seed: 2 });
    expect(a.map((s) => s.id)).toEqual(b.map((s) => s.id));
    expect(a.map((s) => s.id)).not.toEqual(c.map((s) => s.id));
    expect(new Set(a.map((s) => s.documentId)).size).toBeGreaterThan(15); // spread over the corpus
  });

  it("finds documents through their segments' text and shows a document with its cut", async () => {
    const { items } = await listDocuments({ corpusId, q: "hurricane" });
    expect(items.length).toBeGreaterThan(0);
    const multi = (await listDocuments({ corpusId, limit: 200 })).items.find((d) => d.segmentCount >= 3)!;
    const doc = await getDocument(multi.id);
    expect(doc.segments.length).toBe(multi.segmentCount);
    expect(doc.segments.map((s) => s.text).join("\n")).toBe(doc.text);
  });
});

describe("in2 segments / documents --jsonl", () => {
  it("streams every segment with the documented fields", async () => {
    const r = await runCli(["segments", "--corpus", "demo", "--jsonl"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.length).toBe(3767);
    expect(Object.keys(lines[0]).sort()).toEqual(["char_end", "char_start", "corpus", "document_id", "id", "index", "sep_before", "text", "token_count"]);
    expect(lines[0].corpus).toBe("demo");
  });

  it("streams every document with the documented fields", async () => {
    const r = await runCli(["documents", "--corpus", "demo", "--jsonl"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.length).toBe(1000);
    expect(Object.keys(lines[0]).sort()).toEqual(["corpus", "id", "meta", "segment_count", "text", "token_count"]);
    expect(lines[0].meta).toHaveProperty("url");
  });

  it("refuses an unknown corpus with a clear message", async () => {
    const r = await runCli(["segments", "--corpus", "nope", "--jsonl"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('corpus "nope" does not exist');
  });
});
