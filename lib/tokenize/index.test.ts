import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import * as o200k from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { DEFAULT_TOKENIZER, describeTokenizer, getTokenizer, isValidTokenizerName } from "./index";
import { readDemoParagraphs } from "@/test/support/demo-corpus";

/** A tiny WordLevel tokenizer.json whose post-processor adds [CLS], so addSpecialTokens: false is observable. */
function writeTinyTokenizer(): string {
  const dir = mkdtempSync(join(tmpdir(), "in2-tok-"));
  const file = join(dir, "tokenizer.json");
  const special = { single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
  writeFileSync(
    file,
    JSON.stringify({
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: [{ id: 0, content: "[UNK]", ...special }, { id: 4, content: "[CLS]", ...special }],
      normalizer: null,
      pre_tokenizer: { type: "Whitespace" },
      post_processor: {
        type: "TemplateProcessing",
        single: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }],
        pair: [{ Sequence: { id: "A", type_id: 0 } }, { Sequence: { id: "B", type_id: 1 } }],
        special_tokens: { "[CLS]": { id: "[CLS]", ids: [4], tokens: ["[CLS]"] } },
      },
      decoder: null,
      model: { type: "WordLevel", vocab: { "[UNK]": 0, hello: 1, world: 2, ".": 3, "[CLS]": 4 }, unk_token: "[UNK]" },
    }),
  );
  return file;
}

describe("tokenizer names", () => {
  it("accepts the built-ins and hf: paths to a .json file, nothing else", () => {
    expect(DEFAULT_TOKENIZER).toBe("mistral");
    for (const name of ["mistral", "o200k_base", "hf:/models/tokenizer.json", "hf:rel/tok.json"]) {
      expect(isValidTokenizerName(name)).toBe(true);
    }
    for (const name of ["", "Mistral", "gpt2", "cl100k_base", "hf:", "hf:.json", "hf:/x/vocab.txt", "toString"]) {
      expect(isValidTokenizerName(name)).toBe(false);
    }
  });

  it("describes valid names and rejects unknown ones with the list of valid names", async () => {
    expect(describeTokenizer("mistral")).toMatch(/Mistral-7B/);
    expect(describeTokenizer("hf:/m/tokenizer.json")).toContain("/m/tokenizer.json");
    expect(() => describeTokenizer("llama")).toThrow(/mistral, o200k_base, hf:/);
    await expect(getTokenizer("llama")).rejects.toThrow(/Unknown tokenizer "llama"; valid names: mistral, o200k_base/);
  });
});

describe("getTokenizer", () => {
  it("caches one tokenizer per name", async () => {
    const [a, b] = await Promise.all([getTokenizer("mistral"), getTokenizer("mistral")]);
    expect(a).toBe(b);
    expect(a.name).toBe("mistral");
    expect(a.encode("Hello world")).toEqual([16230, 1526]); // no BOS, no prefix space: "Hello", "▁world"
  });

  it("o200k_base matches gpt-tokenizer and treats special-token text as plain text", async () => {
    const tok = await getTokenizer("o200k_base");
    expect(tok.encode("hello world")).toEqual(o200k.encode("hello world"));
    expect(tok.encode("hello world")).toEqual([24912, 2375]);
    expect(tok.count("a <|endoftext|> b")).toBeGreaterThan(3);
    for (const paragraph of readDemoParagraphs().slice(0, 2_000)) {
      expect(tok.count(paragraph)).toBe(o200k.encode(paragraph).length);
    }
  });

  it("loads a Hugging Face tokenizer.json by absolute or relative hf: path, without special tokens", async () => {
    const file = writeTinyTokenizer();
    const tok = await getTokenizer(`hf:${file}`);
    expect(tok.encode("hello world. hello")).toEqual([1, 2, 3, 1]);
    expect(tok.encode("hello mars")).toEqual([1, 0]);
    expect(tok.count("world world world")).toBe(3);
    expect(tok.encode("")).toEqual([]);
    const viaRelative = await getTokenizer(`hf:${relative(process.cwd(), file)}`);
    expect(viaRelative.encode("world hello")).toEqual([2, 1]);
  });

  it("explains a missing or broken tokenizer.json and does not cache the failure", async () => {
    await expect(getTokenizer("hf:/nonexistent/tokenizer.json")).rejects.toThrow(/not found: \/nonexistent/);
    const dir = mkdtempSync(join(tmpdir(), "in2-tok-"));
    const broken = join(dir, "tokenizer.json");
    writeFileSync(broken, "{ not json");
    await expect(getTokenizer(`hf:${broken}`)).rejects.toThrow(/Could not load .*tokenizers/);
    writeFileSync(broken, JSON.stringify({ model: { type: "WordLevel", vocab: { a: 0 }, unk_token: "a" } }));
    await expect(getTokenizer(`hf:${broken}`)).resolves.toHaveProperty("name", `hf:${broken}`);
  });
});
