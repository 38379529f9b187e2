import { describe, expect, it } from "vitest";
import { factsIn, offlinePair, sentences } from "./offline";
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
    expect(validateOutput("multi", multi([2, 2]), 3)).toMatchObject({ ok: false, reason: expect.stringMatching(/at least two pieces/) });
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

describe("offline generator", () => {
  const text = "The council met on Tuesday.\nMayor Jane Porter said the city would hire 120 new teachers by September 2025, the largest rise in a decade.\nShort line.";
  it("splits sentences as exact substrings and finds dates, numbers and names", () => {
    for (const s of sentences(text)) expect(text).toContain(s);
    const facts = factsIn(text, 1);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ kind: "date", fact: "September 2025" });
  });

  it("blanks the fact out of the question, quotes the sentence verbatim, and is deterministic per item key", () => {
    const qa = offlinePair("single", [text], "k1")!;
    expect(qa.question).toContain("____");
    expect(qa.question).not.toContain("September 2025");
    expect(qa.answer).toContain("September 2025");
    for (const q of qa.support) expect(text).toContain(q);
    expect(offlinePair("single", [text], "k1")).toEqual(qa);
    expect(offlinePair("single", ["no facts here at all."], "k1")).toBeNull();
  });

  it("asks multi questions across two different pieces", () => {
    const other = "Later that week the school board approved a budget of $4.5 million for the new programme.";
    const qa = offlinePair("multi", [text, other], "k2")!;
    expect(qa.pieces).toEqual([1, 2]);
    expect(text).toContain(qa.support[0]);
    expect(other).toContain(qa.support[1]);
  });
});
