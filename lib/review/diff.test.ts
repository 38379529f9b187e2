import { describe, expect, it } from "vitest";
import { diffWords, originalFields } from "./diff";

const join = (parts: { op: string; text: string }[], keep: string[]) => parts.filter((p) => keep.includes(p.op)).map((p) => p.text).join("");

describe("diffWords", () => {
  it("marks the changed words and rebuilds both texts exactly", () => {
    const before = "About 200 passengers on the Dawn Princess were infected.";
    const after = "About 200 passengers aboard the Dawn Princess caught norovirus.";
    const parts = diffWords(before, after);
    expect(join(parts, ["same", "del"])).toBe(before);
    expect(join(parts, ["same", "ins"])).toBe(after);
    expect(parts.filter((p) => p.op === "del").map((p) => p.text.trim())).toEqual(["on", "were infected."]);
    expect(parts.filter((p) => p.op === "ins").map((p) => p.text.trim())).toEqual(["aboard", "caught norovirus."]);
  });

  it("returns one unchanged run for equal texts and falls back to replace-all beyond the size cap", () => {
    expect(diffWords("same words here", "same words here")).toEqual([{ op: "same", text: "same words here" }]);
    expect(diffWords("a b c", "d e f", 4)).toEqual([{ op: "del", text: "a b c" }, { op: "ins", text: "d e f" }]);
  });

  it("reads the generator's original defensively", () => {
    expect(originalFields({ question: "Q?", answer: "A.", support: ["s"] })).toEqual({ question: "Q?", answer: "A.", support: ["s"] });
    expect(originalFields("raw text")).toEqual({});
  });
});
