import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "@/lib/corpus/importer";
import { demoFile } from "@/lib/corpus/demo";
import { appContextStore } from "@/lib/export/contexts-adapter";
import { exportOptions, type ExportRequest } from "@/lib/export/params";
import { runExport } from "@/lib/export/run-export";
import { getTokenizer } from "@/lib/tokenize";
import { importDemo, seedAssemblyPairs } from "../contexts/support";
import { useTestDatabase } from "../support/db";
import { readJsonl } from "./support";

/**
 * Issue 11, point 7: each film/chat row reports the token count of the whole training example; --max-example-tokens
 * leaves longer rows out and counts them; token offsets are exact or the manifest says "estimated"; the manifest
 * defines evidence depth and code point offsets.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-export-tokens-"));
const RECIPE = { minTokens: 1024, maxTokens: 6144, shortRatio: 0.2, seed: "tok" };
let mistralPairs: number[];
let o200kPairs: number[];

const run = (name: string, request: Partial<ExportRequest>) =>
  runExport({ options: exportOptions.parse({ format: "film", ...RECIPE, ...request }), out: path.join(dir, name), store: appContextStore });

beforeAll(async () => {
  await useTestDatabase();
  mistralPairs = await seedAssemblyPairs(await importDemo(), 16);
  const { corpusId } = await importFiles({ corpus: "demo-o200k", tokenizer: "o200k_base", files: [{ path: demoFile() }] });
  o200kPairs = await seedAssemblyPairs(corpusId, 6);
});

describe("export token counts", () => {
  it("film and chat rows count the whole example: template, context, question and answer", async () => {
    const tok = await getTokenizer("mistral");
    const film = readJsonl<{ prompt: string; completion: string; meta: { example_tokens: number; context_tokens: number } }>(
      (await run("film.jsonl", { tokenizer: "mistral" })).out);
    expect(film.length).toBe(mistralPairs.length);
    for (const r of film) {
      expect(r.meta.example_tokens).toBe(tok.count(r.prompt) + tok.count(r.completion));
      expect(r.meta.example_tokens).toBeGreaterThan(r.meta.context_tokens);
    }
    const chat = readJsonl<{ messages: { content: string }[]; meta: { example_tokens: number } }>(
      (await run("chat.jsonl", { format: "chat", tokenizer: "mistral" })).out);
    for (const r of chat) expect(r.meta.example_tokens).toBe(tok.count(r.messages[0]!.content) + tok.count(r.messages[1]!.content));
  });

  it("--max-example-tokens leaves longer rows out and counts them", async () => {
    const all = readJsonl<{ meta: { pair_key: string; example_tokens: number } }>((await run("all.jsonl", { tokenizer: "mistral" })).out);
    const sorted = all.map((r) => r.meta.example_tokens).sort((a, b) => a - b);
    const limit = sorted[Math.floor(sorted.length / 2)]!;
    const r = await run("capped.jsonl", { tokenizer: "mistral", maxExampleTokens: limit });
    const kept = readJsonl<{ meta: { pair_key: string; example_tokens: number } }>(r.out);
    expect(kept.map((x) => x.meta.pair_key)).toEqual(all.filter((x) => x.meta.example_tokens <= limit).map((x) => x.meta.pair_key));
    expect(r.manifest.left_out.example_too_long).toBe(all.length - kept.length);
    expect(r.manifest.parameters.max_example_tokens).toBe(limit);
    expect(r.manifest.max_example_tokens_seen).toBeLessThanOrEqual(limit);
  });

  it("says token offsets are estimated for a tokenizer that is not additive, exact for Mistral, and defines its terms", async () => {
    const mistral = await run("raw-mistral.jsonl", { format: "raw", tokenizer: "mistral" });
    const rows = readJsonl<{ token_offsets: string }>(mistral.out);
    expect(new Set(rows.map((x) => x.token_offsets))).toEqual(new Set(["exact"]));
    expect(mistral.manifest.token_offsets).toBe("exact");
    expect(mistral.manifest.left_out.tokenizer_mismatch).toBe(o200kPairs.length);

    const o200k = await run("raw-o200k.jsonl", { format: "raw", tokenizer: "o200k_base" });
    const orows = readJsonl<{ token_offsets: string; tokenizer: string; context: string; question: string; answer: string; example_tokens: number }>(o200k.out);
    expect(orows.length).toBe(o200kPairs.length);
    expect(orows.some((x) => x.token_offsets === "estimated")).toBe(true);
    expect(o200k.manifest.token_offsets).toBe("estimated");
    expect(o200k.manifest.recipe.tokenizer).toBe("o200k_base");
    // example counts stay exact (counted whole when the tokenizer is not additive)
    const tok = await getTokenizer("o200k_base");
    const { filmPrompt } = await import("@/lib/export/formats");
    for (const x of orows) expect(x.example_tokens).toBe(tok.count(filmPrompt(x.context, x.question)) + tok.count(x.answer));

    const defs = mistral.manifest.definitions as Record<string, string>;
    expect(defs.offsets).toMatch(/Unicode code point/);
    expect(defs.evidence_depth).toMatch(/tokens before it \/ \(context tokens − its own tokens\)/);
    expect(defs.example_tokens).toMatch(/count\(answer\)/);
  });
});
