import { describe, expect, it } from "vitest";
import { positionCurve } from "./curve";
import { labelOrDescriptionMatch, nameMatch, scoreReply, wordRecall } from "./score";

describe("scorers", () => {
  it("document: word-level recall of the answer sentence", () => {
    expect(wordRecall("The cat sat on the mat.", "the cat sat on the mat.")).toBe(1);
    // gold words {the, cat, sat, on, mat.}: the reply has the, cat, on
    expect(wordRecall("The cat sat on the mat.", "The cat is on a rug")).toBeCloseTo(3 / 5);
    expect(wordRecall("Anything", "")).toBe(0);
  });

  it("code: the function name appears in the reply (case-sensitive)", () => {
    expect(nameMatch("execute_queries", "The function is `execute_queries`.")).toBe(1);
    expect(nameMatch("execute_queries", "EXECUTE_QUERIES")).toBe(0);
  });

  it("database: the label or the description appears, case-insensitive, empty fields never match", () => {
    expect(labelOrDescriptionMatch("18 Belmont Crescent", "building in Glasgow", "label: 18 belmont crescent")).toBe(1);
    expect(labelOrDescriptionMatch("X", "building in Glasgow City.", "It is a Building in Glasgow City")).toBe(1);
    expect(labelOrDescriptionMatch("X", "", "no idea")).toBe(0);
    expect(scoreReply("database", { answer: "", meta: { label: "Foo", description: "bar" } }, "foo")).toBe(1);
  });
});

describe("positionCurve", () => {
  it("averages per context within bins of 50 positions, then over contexts; Avg and Gap over bins", () => {
    const points = [];
    for (let set = 0; set < 2; set++) {
      for (let p = 0; p < 150; p++) {
        // bin 0 all right, bin 1 right only in set 0, bin 2 all wrong
        const score = p < 50 ? 1 : p < 100 ? (set === 0 ? 1 : 0) : 0;
        points.push({ setIndex: set, position: p, score });
      }
    }
    const c = positionCurve(points, 50);
    expect(c.bins.map((b) => b.accuracy)).toEqual([1, 0.5, 0]);
    expect(c.bins.map((b) => [b.from, b.to])).toEqual([[0, 49], [50, 99], [100, 149]]);
    expect(c.bins[1]!.sd).toBeCloseTo(0.5);
    expect(c.avg).toBeCloseTo(0.5);
    expect(c.gap).toBe(1);
  });

  it("is empty for no points", () => {
    expect(positionCurve([])).toEqual({ bins: [], avg: 0, gap: 0, n: 0 });
  });
});
