import { describe, expect, it } from "vitest";
import { itemKey } from "./params";
import { buildMessages } from "./prompts";
import { validateOutput } from "./validate";

describe("validateOutput", () => {
  it("accepts a well-formed reply and trims it", () => {
    const v = validateOutput("single", JSON.stringify({ question: " Who won? ", answer: "Ann did.", support: ["Ann won"] }), 1);
    expect(v).toEqual({ ok: true, qa: { question: "Who won?", answer: "Ann did.", support: ["Ann won"], pieces: [1] } });
  });

  it("rejects malformed JSON, empty fields, missing support, and multi replies needing fewer than two real pieces", () => {
    expect(validateOutput("single", "{oops", 1)).toMatchObject({ ok: false, reason: expect.stringMatching(/malformed JSON/) });
    expect(validateOutput("single", "", 1)).toMatchObject({ ok: false, reason: expect.stringMatching(/empty reply/) });
    expect(validateOutput("single", JSON.stringify({ question: "Q?", answer: " ", support: ["x"] }), 1)).toMatchObject({ ok: false, reason: expect.stringMatching(/answer/) });
    expect(validateOutput("single", JSON.stringify({ question: "Q?", answer: "A", support: [] }), 1)).toMatchObject({ ok: false, reason: expect.stringMatching(/support/) });
    const multi = (pieces: number[]) => JSON.stringify({ question: "Q?", answer: "A", support: ["x"], pieces });
    // one needed piece is kept, to be flagged multi_few_pieces (lib/quality), not dropped
    expect(validateOutput("multi", multi([2, 2]), 3)).toMatchObject({ ok: true, qa: { pieces: [2] } });
    expect(validateOutput("multi", multi([1, 4]), 3)).toMatchObject({ ok: false, reason: expect.stringMatching(/piece 4 does not exist/) });
    expect(validateOutput("multi", multi([3, 1]), 3)).toMatchObject({ ok: true, qa: { pieces: [1, 3] } });
  });
});

describe("prompts and keys", () => {
  it("labels multi pieces # Piece 1, # Piece 2 and keys items by type, segments, prompt version and model", () => {
    expect(buildMessages("multi", ["a", "b"])[1]!.content).toBe("# Piece 1\na\n\n# Piece 2\nb");
    expect(itemKey({ type: "multi", provider: "openai", model: "m", promptVersion: "v1" }, ["ab:3", "ab:4"])).toBe("multi|ab:3,ab:4|v1|openai:m");
  });
});
