import { describe, expect, it } from "vitest";
import { candidateSentences, factsIn, offlinePair } from "./offline";

const facts = (text: string) => factsIn(text, 1).map((f) => [f.kind, f.fact]);

describe("offline generator: language handling (compromise)", () => {
  it("splits sentences at real boundaries only: abbreviations, initials and times stay inside", () => {
    const text = "The deal was signed on Nov. 3 by Mr. J. Smith at 3 p.m. in the U.S. capital with Acme Inc. officials. It was worth $4.5m to the company, a spokesman said.";
    expect(candidateSentences(text)).toEqual([
      "The deal was signed on Nov. 3 by Mr. J. Smith at 3 p.m. in the U.S. capital with Acme Inc. officials.",
      "It was worth $4.5m to the company, a spokesman said.",
    ]);
  });

  it("takes facts as whole tokens or entities: never the 83 of QR1.83bn, the 1990 of 1990s, or a verse number", () => {
    const text = [
      "Doha Bank said its net profit rose to QR1.83bn in the first nine months of the year, beating forecasts.",
      "Sales of the record peaked in the 1990s across most of the country, the label said.",
      "John 3:16 says that God so loved the world that he gave his only son, the preacher said.",
    ].join("\n");
    const found = facts(text);
    for (const [, fact] of found) expect(["83", "1.83", "1990", "3", "16", "3:16", "John"]).not.toContain(fact);
  });

  it("does not take I'm, Monday or Congress for people", () => {
    const found = facts("I'm sure Congress will vote on the bill on Monday, a senior aide to the speaker said today.");
    expect(found.filter(([kind]) => kind === "person")).toEqual([]);
    expect(found).not.toContainEqual(["date", "Monday"]);
  });

  it("prefers a person with their role, an amount with its unit, a full date", () => {
    const text = "Mayor Jane Porter said the city would hire 120 new teachers by September 2025, the largest rise in a decade.";
    expect(facts(text)).toEqual([["person", "Jane Porter"], ["number", "120"], ["date", "September 2025"]]);
    const qa = offlinePair("single", [text], "k1")!;
    expect(qa.question).toBe(`Which person fills the blank in "Mayor ____ said the city would hire 120 new teachers by September 2025, the largest rise in a decade."?`);
    expect(qa.answer).toBe("The missing person is Jane Porter.");
    expect(facts("The city council approved a budget of $4.5 million for the new school programme on Tuesday.")).toEqual([["amount", "$4.5 million"]]);
    expect(facts("Shares of the company rose 12 percent after the results were published on Friday morning.")).toEqual([["percentage", "12 percent"]]);
  });
});

describe("offline generator: pairs", () => {
  const text = "The council met on Tuesday.\nMayor Jane Porter said the city would hire 120 new teachers by September 2025, the largest rise in a decade.\nShort line.";

  it("blanks the fact out of the question, quotes the sentence verbatim, and is deterministic per item key", () => {
    const qa = offlinePair("single", [text], "k1")!;
    expect(qa.question).toContain("____");
    expect(qa.question).not.toContain("Jane Porter");
    for (const q of qa.support) expect(text).toContain(q);
    expect(offlinePair("single", [text], "k1")).toEqual(qa);
    expect(offlinePair("single", ["no facts here at all, none whatsoever in this line."], "k1")).toBeNull();
  });

  it("quotes a sentence that has straight quotes with curly ones, so the cloze stays one quotation", () => {
    const quoted = `"We will not stop," said Sen. Chuck Schumer, the Democratic leader, on the Senate floor.`;
    const qa = offlinePair("single", [quoted], "k")!;
    expect(qa.question).toBe(`Which person fills the blank in “"We will not stop," said Sen. ____, the Democratic leader, on the Senate floor.”?`);
  });

  it("asks multi questions across two different pieces, names them in `pieces`, and needs both", () => {
    const other = "Later that week the school board approved a budget of $4.5 million for the new programme.";
    const qa = offlinePair("multi", [text, other], "k2")!;
    expect(qa.pieces).toEqual([1, 2]);
    expect(text).toContain(qa.support[0]);
    expect(other).toContain(qa.support[1]);
    expect(qa.answer).toMatch(/^The first blank is .+ and the second is \$4\.5 million\.$/);
    // a sentence that also occurs in the other piece cannot make that piece necessary
    expect(offlinePair("multi", [other, `${other}\nNothing else here to see.`], "k3")).toBeNull();
  });
});
