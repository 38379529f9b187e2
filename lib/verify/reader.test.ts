import { describe, expect, it } from "vitest";
import { readAnswer } from "./reader";

const TEXT = "The council met on Tuesday. The new bridge will cost $4.2 million, officials said. Mayor Ann Cole opened the session.";

describe("offline extractive reader", () => {
  it("fills a quoted cloze from the given text", () => {
    expect(readAnswer(`Which number fills the blank in "The new bridge will cost ____, officials said."?`, [TEXT])).toBe("$4.2 million");
    expect(readAnswer(`Which name fills the blank in "Mayor ____ opened the session."?`, [TEXT])).toBe("Ann Cole");
  });

  it("fills a blank at the start of a sentence", () => {
    expect(readAnswer(`Which name fills the blank in "____ opened the session."?`, [TEXT])).toBe("Mayor Ann Cole");
  });

  it("answers each of several clozes it can find, and only those", () => {
    const q = `Which fills "The council met on ____." and which fills "Mayor ____ opened the session."?`;
    expect(readAnswer(q, [TEXT])).toBe("Tuesday; Ann Cole");
    expect(readAnswer(q, ["Mayor Ann Cole opened the session."])).toBe("Ann Cole");
  });

  it("finds nothing without text (closed-book) unless the question itself states the fact", () => {
    const q = `Which name fills the blank in "Mayor ____ opened the session."?`;
    expect(readAnswer(q, [])).toBeNull();
    expect(readAnswer(`Mayor Ann Cole opened the session. ${q}`, [])).toBe("Ann Cole");
  });

  it("answers an ordinary question with the sentence sharing most of its words", () => {
    expect(readAnswer("How much will the new bridge cost?", [TEXT])).toBe("The new bridge will cost $4.2 million, officials said.");
    expect(readAnswer("Who won the cycling race?", [TEXT])).toBeNull();
    expect(readAnswer("How much will the new bridge cost?", [])).toBeNull();
  });
});
