import { describe, expect, it } from "vitest";
import { codePointLength, sliceCodePoints, utf16Offset } from "./code-points";

describe("code point offsets", () => {
  const text = "a😀b𝔘\nc";
  it("count code points like Python's len()", () => {
    expect(codePointLength(text)).toBe(Array.from(text).length);
    expect(codePointLength(text)).toBe(6);
    expect(codePointLength("")).toBe(0);
    for (const s of ["", "abc", "🦙", "a🦙b", "𝔘𝔫", "é\u0301", "中文", "🦙🦙"]) expect(codePointLength(s)).toBe(Array.from(s).length);
  });

  it("convert to UTF-16 indices and slice by code points", () => {
    expect(utf16Offset(text, 2)).toBe(3);
    expect(utf16Offset(text, 99)).toBe(text.length);
    expect(sliceCodePoints(text, 1, 4)).toBe("😀b𝔘");
    expect(sliceCodePoints(text, 4, 6)).toBe("\nc");
  });

  // Python: len("\ud800") == 1, "a\ud800b"[1:2] == "\ud800"; Array.from agrees. See the module comment.
  it("count each lone surrogate as one code point, and slice around it like Python", () => {
    const lone = ["\ud800", "\udc00", "\udc00\ud800", "x\ud83e", "\ud83ex", "a\ud800\ud83e\udd99b", "\udfff\ud800\udc00"];
    for (const s of lone) {
      const chars = Array.from(s);
      expect(codePointLength(s)).toBe(chars.length);
      for (let a = 0; a <= chars.length; a++) {
        for (let b = a; b <= chars.length; b++) expect(sliceCodePoints(s, a, b)).toBe(chars.slice(a, b).join(""));
      }
    }
    expect(codePointLength("a\ud800b")).toBe(3);
    expect(sliceCodePoints("a\ud800b", 2, 3)).toBe("b"); // a lone high surrogate does not swallow the next char
    expect(utf16Offset("\ud800a", 1)).toBe(1);
  });
});
