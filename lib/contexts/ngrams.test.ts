import { describe, expect, it } from "vitest";
import { evalTexts } from "./eval-sets";
import { addGrams, overlaps } from "./ngrams";

const SENTENCE = "The city council voted on Tuesday to expand the bike lane network across the downtown core";

describe("10-gram overlap", () => {
  const grams = new Set<number>();
  addGrams(`Question: ${SENTENCE}?`, grams);

  it("finds a shared run of ten words whatever the case, punctuation and line breaks", () => {
    expect(overlaps(`Earlier: the CITY council voted, on\nTuesday -- to expand the bike lane network.`, grams)).toBe(true);
  });

  it("does not fire on nine shared words or on the same words in another order", () => {
    expect(overlaps("x the city council voted on Tuesday to expand the y", grams)).toBe(false);
    expect(overlaps(SENTENCE.split(" ").reverse().join(" "), grams)).toBe(false);
  });

  it("reads every string of a JSONL eval set, and plain lines as text", () => {
    expect(evalTexts('{"q": "a", "ctx": {"doc": "b"}, "n": 3, "list": ["c"]}\nplain line\n')).toEqual(["a", "b", "c", "plain line"]);
  });
});
