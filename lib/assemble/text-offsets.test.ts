import { describe, expect, it } from "vitest";
import { codePointLength, sliceCodePoints, utf16Offset } from "./text-offsets";

describe("code point offsets", () => {
  const text = "a😀b𝔘\nc";
  it("count code points like Python's len()", () => {
    expect(codePointLength(text)).toBe(Array.from(text).length);
    expect(codePointLength(text)).toBe(6);
    expect(codePointLength("")).toBe(0);
  });

  it("convert to UTF-16 indices and slice by code points", () => {
    expect(utf16Offset(text, 2)).toBe(3);
    expect(utf16Offset(text, 99)).toBe(text.length);
    expect(sliceCodePoints(text, 1, 4)).toBe("😀b𝔘");
    expect(sliceCodePoints(text, 4, 6)).toBe("\nc");
  });
});
