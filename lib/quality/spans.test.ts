import { describe, expect, it } from "vitest";
import { readDemoTexts } from "@/test/support/demo-corpus";
import { normalizeForMatch, sourceRange } from "./normalize";
import { findAnswerSpan, findSupportSpans, quoteParts, sentences } from "./spans";

const amazon = readDemoTexts().find((t) => t.includes("The Arlington County Board plans to vote Saturday")) ?? "";

describe("findSupportSpans", () => {
  it("returns UTF-16 offsets of each quote's first occurrence in the original text", () => {
    const quotes = [
      "the county's five online Q&A sessions 14,000 times", // straight quote for the article's ’
      "These opponents - including left-wing organizations", // hyphen for the article's em dash
      "not in this article at all",
      "Most Arlingtonians ... support Amazon's arrival", // elided
    ];
    const spans = findSupportSpans(amazon, quotes);
    expect(spans.map((s) => s.quote)).toEqual([0, 1, 3]);
    expect(spans.map((s) => amazon.slice(s.start, s.end))).toEqual([
      "the county’s five online Q&A sessions 14,000 times",
      "These opponents — including left-wing organizations",
      "Most Arlingtonians, northern Virginians and residents of the Washington region support Amazon’s arrival",
    ]);
  });

  it("matches across line breaks and runs of spaces, and maps back around characters outside the BMP", () => {
    const text = "Intro 😀 line.\nThe  ship\nleft\u00a0port on Monday.";
    const [span] = findSupportSpans(text, ["“the ship left port on Monday”"]);
    expect(text.slice(span?.start, span?.end)).toBe("The  ship\nleft\u00a0port on Monday");
  });

  it("strips wrapping quotes and punctuation but keeps inner text", () => {
    expect(quoteParts(' "Hello, world." ')).toEqual(["hello, world"]);
    expect(quoteParts("a … b ... c")).toEqual(["a", "b", "c"]);
    expect(quoteParts("...")).toEqual([]);
  });
});

describe("findAnswerSpan", () => {
  it("prefers a verbatim answer", () => {
    const span = findAnswerSpan(amazon, "$162 million over 12 years");
    expect(span?.exact).toBe(true);
    expect(amazon.slice(span?.start, span?.end)).toBe("$162 million over 12 years");
  });

  it("falls back to the best support quote, then to the best sentence", () => {
    const viaSupport = findAnswerSpan(amazon, "Ninety-one residents registered to speak.", [
      "The Saturday hearing was scheduled to begin no earlier than 1 p.m.",
      "Ninety-one people signed up in advance to speak on the topic",
    ]);
    expect(viaSupport?.exact).toBe(false);
    expect(amazon.slice(viaSupport?.start, viaSupport?.end)).toBe("Ninety-one people signed up in advance to speak on the topic");
    const viaSentence = findAnswerSpan(amazon, "Ninety-one people signed up to speak in advance.");
    expect(amazon.slice(viaSentence?.start, viaSentence?.end)).toBe("Ninety-one people signed up in advance to speak on the topic.");
    expect(findAnswerSpan(amazon, "Penguins migrate across Antarctica.")).toBeNull();
  });
});

describe("helpers", () => {
  it("splits sentences at terminal punctuation and line breaks", () => {
    const text = "One two. Three four!\nFive six";
    expect(sentences(text).map((s) => text.slice(s.start, s.end))).toEqual(["One two.", "Three four!", "Five six"]);
  });

  it("maps normalised ranges back to the source", () => {
    const n = normalizeForMatch("  A\u2014B …  C");
    expect(n.text).toBe("a-b ... c");
    expect(sourceRange(n, 0, n.text.length)).toEqual({ start: 2, end: 10 });
  });

  it("maps every character of mixed text: ASCII runs, folded backticks, whitespace runs, invisible and wide characters", () => {
    // ASCII runs are copied as slices (the fast path); everything else goes character by character
    const n = normalizeForMatch("\t Ab`C \n\u00A0dE\u00ADf \u2026G\u00A0 ");
    expect(n.text).toBe("ab'c def ...g");
    expect(n.map).toEqual([2, 3, 4, 5, 6, 9, 10, 12, 13, 14, 14, 14, 15]);
    expect(n.sourceLength).toBe(18);
    const turkish = normalizeForMatch("İs  it");
    expect(turkish.text).toBe("i\u0307s it");
    expect(turkish.map).toEqual([0, 0, 1, 2, 4, 5]);
  });
});
