import { describe, expect, it } from "vitest";
import { histogram } from "@/lib/assemble";
import { filmPrompt, formatLine } from "./formats";
import { StreamingHistogram } from "./histogram";
import { manifestPathFor } from "./paths";
import type { ExportRecord } from "./types";

const record: ExportRecord = {
  id: 42, key: "single|abc:0|in2-v1|openai:gpt-4o-mini", type: "single", question: "Who won?", answer: "The home team.", support: ["the home team won"], status: "accepted", edited: false,
  reviewer: "Ada", provider: "openai", model: "gpt-4o-mini", promptVersion: "in2-v1", documentId: 7, documentKey: "abc", url: "https://example.org/a",
  exampleTokens: 60,
  context: { runId: 5, text: "Filler.\nThe home team won.", kind: "long", totalTokens: 12, tokenizer: "mistral", evidenceDepths: [1], seed: "3", tokenOffsets: "exact",
    spans: [{ segmentId: 1, segmentKey: "def:3", documentId: 9, documentKey: "def", role: "filler", piece: null, charStart: 0, charEnd: 7, tokenStart: 0, tokenEnd: 3 },
      { segmentId: 2, segmentKey: "abc:0", documentId: 7, documentKey: "abc", role: "evidence", piece: 1, charStart: 8, charEnd: 26, tokenStart: 4, tokenEnd: 12 }] },
};

describe("export formats", () => {
  it("film is the FILM-7B template, character for character", () => {
    expect(filmPrompt("CTX", "Q?")).toBe("[INST] Below is a context and an instruction. Based on the information provided in the context, "
      + "write a response for the instruction.\n\n### Context:\nCTX\n\n### Instruction:\nQ? [/INST]");
    const line = formatLine("film", record);
    expect(line.endsWith("}\n")).toBe(true);
    expect(line.indexOf("\n")).toBe(line.length - 1);
    expect(JSON.parse(line)).toEqual({ prompt: filmPrompt(record.context.text, "Who won?"), completion: "The home team.",
      meta: { pair_key: record.key, document_key: "abc", segment_keys: ["abc:0"], type: "single", context_tokens: 12, example_tokens: 60, evidence_depths: [1], seed: "3" } });
  });

  it("chat carries the same user turn without [INST] markers", () => {
    const row = JSON.parse(formatLine("chat", record)) as { messages: { role: string; content: string }[] };
    expect(row.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(`[INST] ${row.messages[0]!.content} [/INST]`).toBe(filmPrompt(record.context.text, record.question));
    expect(row.messages[1]!.content).toBe("The home team.");
  });

  it("raw lists every field in a fixed order", () => {
    const row = JSON.parse(formatLine("raw", record)) as Record<string, unknown>;
    expect(Object.keys(row)).toEqual(["id", "key", "type", "question", "answer", "support", "context", "context_tokens", "example_tokens", "tokenizer",
      "token_offsets", "segments", "evidence_depths", "source", "generator", "review", "seed"]);
    expect((row.segments as object[])[1]).toEqual({ segment_id: 2, segment_key: "abc:0", document_id: 7, document_key: "abc", role: "evidence", piece: 1,
      char_start: 8, char_end: 26, token_start: 4, token_end: 12 });
    expect(row.review).toEqual({ status: "accepted", edited: false, reviewer: "Ada" });
    expect(row.source).toEqual({ document_id: 7, document_key: "abc", url: "https://example.org/a" });
  });

  it("the streaming histogram bins like lib/assemble's histogram", () => {
    const values = [4096, 5000, 10_000, 32_768, 40_000, 100, 18_000, 18_000.5];
    const h = new StreamingHistogram(14, 4096, 32_768);
    for (const v of values) h.add(v);
    expect(h.toJSON()).toEqual(histogram(values, 14, 4096, 32_768));
  });

  it("puts the manifest beside the file", () => {
    expect(manifestPathFor("/x/data.jsonl.gz")).toBe("/x/data.manifest.json");
    expect(manifestPathFor("/x/data.jsonl")).toBe("/x/data.manifest.json");
  });
});
