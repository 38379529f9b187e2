import ref from "mistral-tokenizer-js";
import { beforeAll, describe, expect, it } from "vitest";
import { createMistralTokenizer, type MistralFastTokenizer } from "./mistral";
import { readDemoParagraphs, readDemoTexts } from "@/test/support/demo-corpus";

const reference = (text: string): number[] => ref.encode(text, false, false) ?? [];

let tok: MistralFastTokenizer;
beforeAll(() => {
  tok = createMistralTokenizer(ref);
});

const TRICKY = [
  "", " ", "  ", "a", " a", "a ", "a  b", "   leading", "trailing   ", "\n", "\n\n", " \n", "\n ", "a\n\nb",
  "\t", "\ttabs\t\t\t\tout here", "a \t b", "x  \t  y", "tab\tin\tmiddle", "\r\n windows line\r\n",
  "emoji 🦙🦙 ok", "🦙Ꙋ", "Ꙋ🦙", "镇", "中文文本测试，包括标点。", "日本語のテキストです", "안녕하세요 세계",
  "soft\u00adhyphen co\u00adoperate", "\u00ad", "\u00ad \u00ad", "lone \ud800 surrogate", "\udc00x", "x\ud83e",
  "ax\n####\nboo", "           grabbed", "grabbed", " grabbed", "naïve café résumé", "Ünïcödé — “quotes” …",
  "https://example.com/a/very/long/path?with=query&and=params#fragment-and-more-stuff-here-to-pass-64",
  "a".repeat(200), "ab".repeat(300), "-".repeat(100), " ".repeat(50), `x${" ".repeat(70)}y`, "12345678901234567890",
  "  \n  \n  ", "word. Another sentence! (parens) [brackets] {braces} $5.00 50% #tag @user",
  "▁ literal marks ▁▁ and ▁x", "a▁ b", "a ▁b", "x▁▁  y", ".▁  z", "▁", "a▁", "▁a", "Ꙋ".repeat(20), `${"Ꙋ".repeat(30)} hello world, this is English text`,
];

describe("mistral fast path = mistral-tokenizer-js encode(text, false, false)", () => {
  it("uses the documented special ids", () => {
    // from the reference's own tests, minus its BOS and added prefix space
    expect(tok.encode("\n")).toEqual([13]);
    expect(tok.encode(" ")).toEqual([28705]);
    expect(tok.encode("  \n")).toEqual([259, 13]);
    expect(tok.encode(" grabbed")).toEqual([13300]);
    expect(tok.encode(`${" ".repeat(12)}grabbed`)).toEqual([17422, 13300]);
    expect(tok.encode("🦙")).toEqual([243, 162, 169, 156]);
  });

  it.each(TRICKY.map((s) => [JSON.stringify(s).slice(0, 60), s] as const))("tricky %s", (_label, text) => {
    const expected = reference(text);
    expect(tok.encode(text)).toEqual(expected);
    expect(tok.count(text)).toBe(expected.length);
  });

  it("sends texts with more than 2 initial ids per UTF-16 unit to the reference (its position term)", () => {
    expect(tok.isStandard("Ꙋ".repeat(20))).toBe(false);
    expect(tok.isStandard("abc 中文 🦙")).toBe(true);
    expect(tok.isStandard("")).toBe(true);
  });

  it("matches on 400 random strings over an alphabet of merge-prone and odd characters", () => {
    const alphabet = ["a", "b", "e", "t", "h", "in", "the", " ", " ", "  ", "\n", "\t", ".", "é", "🦙", "Ꙋ", "中", "\u00ad", "▁"];
    let seed = 42;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    let mismatches = 0;
    for (let n = 0; n < 400; n++) {
      let text = "";
      const len = 1 + Math.floor(random() * 60);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(random() * alphabet.length)] ?? "";
      if (tok.encode(text).join() !== reference(text).join()) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it("gives the reference's ids for every paragraph of the demo corpus, cold and warm", () => {
    const paragraphs = readDemoParagraphs();
    expect(paragraphs.length).toBeGreaterThan(10_000);
    const fresh = createMistralTokenizer(ref); // cold cache: every chunk goes through our BPE at least once
    const mismatched: string[] = [];
    let tokens = 0;
    for (const paragraph of paragraphs) {
      const expected = reference(paragraph);
      tokens += expected.length;
      const cold = fresh.encode(paragraph);
      const warm = fresh.encode(paragraph);
      if (cold.join() !== expected.join() || warm.join() !== expected.join() || fresh.count(paragraph) !== expected.length) {
        mismatched.push(paragraph.slice(0, 80));
      }
    }
    expect(mismatched).toEqual([]);
    expect(tokens).toBeGreaterThan(500_000);
  });

  it("gives the reference's ids for whole documents (newlines included)", () => {
    for (const text of readDemoTexts().slice(0, 25)) expect(tok.encode(text)).toEqual(reference(text));
  });
});
