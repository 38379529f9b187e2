import { describe, expect, it } from "vitest";
import { readDemoTexts } from "@/test/support/demo-corpus";
import { getTokenizer } from "@/lib/tokenize";
import { exampleTokens } from "./example-tokens";
import { filmPrompt, instruction } from "./formats";

describe("exampleTokens", () => {
  it("equals the count of the whole prompt plus the answer, composed or counted whole, for Mistral and o200k", async () => {
    for (const name of ["mistral", "o200k_base"]) {
      const tok = await getTokenizer(name);
      const texts = readDemoTexts().slice(0, 120);
      for (let i = 0; i < texts.length; i += 2) {
        const ctx = `${texts[i]}\n${texts[i + 1]}`;
        const exact = tok.newlineAdditivity?.holds(ctx) ? "exact" : "estimated";
        const c = { text: ctx, totalTokens: tok.count(ctx), tokenOffsets: exact } as const;
        const q = `What happened in report ${i}, and when?`;
        const a = "It rained on Tuesday.";
        expect(exampleTokens(tok, "film", c, q, a)).toBe(tok.count(filmPrompt(ctx, q)) + tok.count(a));
        expect(exampleTokens(tok, "chat", c, q, a)).toBe(tok.count(instruction(ctx, q)) + tok.count(a));
      }
    }
  });
});
