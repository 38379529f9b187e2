import { describe, expect, it } from "vitest";
import { matchAnswer, namesIn, numbersIn, tokenF1 } from "./match";

describe("answer matching", () => {
  it("no answer never matches", () => {
    expect(matchAnswer("Paris", null, "Where?")).toMatchObject({ matched: false, method: "no_answer" });
    expect(matchAnswer("Paris", "  ", "Where?")).toMatchObject({ matched: false, method: "no_answer" });
  });

  it("normalised equality is exact", () => {
    expect(matchAnswer("The Eiffel Tower.", "eiffel tower", "What?")).toMatchObject({ matched: true, method: "exact", score: 1 });
  });

  it("a short reply matches a sentence answer by token F1 over new content words", () => {
    const r = matchAnswer("The missing number is 1,200.", "1200", "Which number fills the blank in \"It sold ____ cars.\"?");
    expect(r).toMatchObject({ matched: true, method: "token_f1" });
    expect(r.score).toBeCloseTo(2 / 3);
  });

  it("numbers must agree even when the words overlap", () => {
    const r = matchAnswer("The plant opened in 1998 in Ohio.", "The plant opened in 1999 in Ohio.", "When did the plant open?");
    expect(r).toMatchObject({ matched: false, method: "numbers" });
    expect(r.reason).toContain("1998");
  });

  it("names must agree, but names the question already says need not be repeated", () => {
    expect(matchAnswer("The mayor, Maria Lopez, signed it in Austin.", "Tom Reed signed it in Austin", "Who signed the Austin bill?"))
      .toMatchObject({ matched: false, method: "names" });
    expect(matchAnswer("Lopez signed the Austin bill on Friday.", "Lopez, on Friday", "Who signed the Austin bill, and when?"))
      .toMatchObject({ matched: true, method: "token_f1" });
  });

  it("a name inside a quoted statement of the question still has to be answered", () => {
    const q = `Which name fills the blank in "Icimo CEO ____ spoke.", and which name fills the blank in "Later, ____ joined Purple Wave."?`;
    expect(matchAnswer("The first blank is Bryce Gartner and the second is Purple Wave.", "Bryce Gartner", q)).toMatchObject({ matched: false, method: "names" });
    expect(matchAnswer("The first blank is Bryce Gartner and the second is Purple Wave.", "Bryce Gartner; Purple Wave", q)).toMatchObject({ matched: true });
  });

  it("unrelated replies fall under the F1 threshold", () => {
    const r = matchAnswer("Heavy rain flooded the lower town.", "a drought dried the river", "What happened to the lower town?");
    expect(r).toMatchObject({ matched: false, method: "token_f1" });
    expect(r.score).toBeLessThan(0.5);
  });

  it("helpers: numbers, names and F1", () => {
    expect(numbersIn("$3.50 and 1,200 and 7.0")).toEqual(["3.5", "1200", "7"]);
    expect(namesIn("Yesterday John Smith met the Bank of England in Leeds.")).toEqual([["john", "smith"], ["bank", "england"], ["leeds"]]);
    expect(tokenF1(["a", "b"], ["a", "b"])).toBe(1);
    expect(tokenF1(["a", "b", "c", "d"], ["a"])).toBeCloseTo(0.4);
    expect(tokenF1([], ["a"])).toBe(0);
  });
});
