import { beforeAll, describe, expect, it } from "vitest";
import { segmentText, wordTokenizer } from "@/test/support/assemble-demo";
import { readDemoTexts } from "@/test/support/demo-corpus";
import { QUALITY_CHECKS, scoreFlags } from "./catalog";
import { checkPair, type PairForQuality } from "./check-pair";

// Pairs written by hand against two real demo-corpus articles: a cruise-ship outbreak and Amazon's HQ2 in Arlington.
let cruise: string;
let pieces: { piece: number; text: string }[];
let good: PairForQuality;
let goodMulti: PairForQuality;

const codes = (p: PairForQuality): string[] => checkPair(p).flags.map((f) => f.code).sort();
const pieceWith = (needle: string): number => pieces.find((p) => p.text.includes(needle))?.piece ?? -1;

beforeAll(() => {
  const texts = readDemoTexts();
  const find = (needle: string): string => texts.find((t) => t.includes(needle)) ?? "";
  cruise = find("passengers on the Dawn Princess ship");
  const amazon = find("The Arlington County Board plans to vote Saturday");
  pieces = segmentText(amazon, wordTokenizer).map((text, i) => ({ piece: i + 1, text }));
  good = {
    type: "single",
    question: "Roughly how many people aboard the Dawn Princess caught the stomach bug during the outbreak?",
    answer: "About 200 passengers on the Dawn Princess were infected with norovirus.",
    support: ["about 200 passengers on the Dawn Princess ship became infected with the norovirus"],
    evidence: [{ piece: 1, text: cruise }],
  };
  goodMulti = {
    type: "multi",
    question: "How many jobs is Amazon expected to bring to Arlington, and how much extra revenue could the county collect over twelve years?",
    answer: "Amazon would bring at least 25,000 high-paying jobs, and the project could add $162 million in revenue over 12 years.",
    support: [
      "bring at least 25,000 high-paying jobs to Arlington in coming years",
      "additional revenue of $162 million over 12 years",
    ],
    evidence: pieces,
  };
});

describe("checkPair on real corpus pairs", () => {
  it("has real fixtures: the articles were found and the multi quotes sit in different pieces", () => {
    expect(cruise.length).toBeGreaterThan(500);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieceWith("25,000 high-paying jobs")).not.toBe(pieceWith("$162 million over 12 years"));
  });

  it("leaves clean single and multi pairs unflagged with score 1", () => {
    expect(checkPair(good)).toEqual({ flags: [], score: 1 });
    expect(checkPair(goodMulti)).toEqual({ flags: [], score: 1 });
  });

  it("tolerates curly quotes, dashes, line breaks, case and elisions in support quotes", () => {
    const tolerant = {
      ...goodMulti,
      support: [
        "People have looked at the county's five online Q&A sessions 14,000 times.",
        "These opponents - including left-wing organizations and immigrants groups - felt empowered",
        "THE FIVE-MEMBER BOARD is expected to support the plan",
        "Officials estimate that ... $162 million over 12 years",
      ],
    };
    expect(codes(tolerant).filter((c) => c.startsWith("support"))).toEqual([]);
  });

  const cases: [string, (g: PairForQuality, m: PairForQuality) => PairForQuality][] = [
    ["empty_support", (g) => ({ ...g, support: [] })],
    ["empty_support", (g) => ({ ...g, support: ["  ", "..."] })],
    ["support_not_found", (g) => ({ ...g, support: ["about 300 passengers on the Dawn Princess fell ill with food poisoning"] })],
    ["answer_unsupported", (g) => ({ ...g, answer: "About 350 passengers were infected with norovirus." })],
    ["answer_unsupported", (g) => ({ ...g, answer: "The crew staged a mutiny over unpaid wages and seized the bridge." })],
    ["meta_phrase", (g) => ({ ...g, question: "According to the passage, how many passengers on the Dawn Princess were infected?" })],
    ["meta_phrase", (g) => ({ ...g, answer: "The text above says about 200 passengers on the Dawn Princess were infected." })],
    ["meta_phrase", (_, m) => ({ ...m, question: "Combining Piece 1 and Piece 3, how many jobs and how much revenue would Amazon bring?" })],
    ["meta_phrase", (g) => ({ ...g, question: "How many passengers became infected, as mentioned in the article?" })],
    ["meta_phrase", (g) => ({ ...g, question: "What did the article say happened on the Dawn Princess in 2012?" })],
    ["answer_in_question", (g) => ({ ...g, question: "Were about 200 passengers on the Dawn Princess infected with norovirus?", answer: "Yes, about 200 passengers on the Dawn Princess were infected with norovirus." })],
    ["answer_in_question", (g) => ({ ...g, question: "How many passengers on the Dawn Princess ship, about 200, became infected?", answer: "About 200 passengers." })],
    ["question_too_short", (g) => ({ ...g, question: "Norovirus count?" })],
    ["question_too_long", (g) => ({ ...g, question: `${"Considering the ship, the cruise line and the health authorities, ".repeat(8)}how many passengers were infected?` })],
    ["answer_too_short", (g) => ({ ...g, answer: "200" })],
    ["answer_too_long", (g) => ({ ...g, answer: cruise.split(" ").slice(0, 140).join(" ") })],
    ["multi_single_piece", (_, m) => ({ ...m, support: ["bring at least 25,000 high-paying jobs to Arlington", "The five-member board is expected to support the plan"] })],
    ["multi_few_pieces", (_, m) => ({ ...m, evidence: m.evidence.map((e, i) => ({ ...e, needed: i === 0 })) })],
  ];

  it.each(cases)("flags %s", (code, make) => {
    const pair = make(good, goodMulti);
    const result = checkPair(pair);
    expect(result.flags.map((f) => f.code)).toContain(code);
    const flag = result.flags.find((f) => f.code === code);
    expect(flag?.reason.length).toBeGreaterThan(10);
    expect(result.score).toBeLessThan(1);
    expect(result.score).toBe(scoreFlags(result.flags));
  });

  it("names the missing quote and treats a missing number as an error", () => {
    const missing = checkPair({ ...good, support: [good.support[0] ?? "", "the captain resigned in protest"] });
    expect(missing.flags).toHaveLength(1);
    expect(missing.flags[0]?.reason).toContain("#2");
    expect(missing.flags[0]?.reason).toContain("the captain resigned");
    const number = checkPair({ ...good, answer: "About 350 passengers were infected with norovirus." }).flags[0];
    expect(number?.severity).toBe("error");
    expect(number?.reason).toContain("350");
  });

  it("does not mistake news language for meta phrases", () => {
    const newsy = {
      ...good,
      question: "What did officials say about the passage of the outbreak in the context of earlier cruise incidents?",
      answer: "According to the report, the outbreak on the Dawn Princess was going away after about 200 passengers were infected.",
    };
    expect(codes(newsy)).not.toContain("meta_phrase");
  });

  it("accepts numbers written differently in answer and evidence", () => {
    const scaled = { ...goodMulti, answer: "At least twenty-five thousand jobs, plus $162,000,000 in revenue over 12 years." };
    expect(codes(scaled)).not.toContain("answer_unsupported");
  });

  it("reads a number inside a token as a reader does: QR1.83bn, $4.5m, 1990s", () => {
    const evidence = [{ piece: 1, text: "Doha Bank's net profit rose to QR1.83bn while costs fell to $4.5m, the lowest since the 1990s." }];
    const ask = (answer: string) => codes({ ...good, question: "What did the bank report about its results this year?", answer, support: ["Doha Bank's net profit rose to QR1.83bn"], evidence });
    for (const answer of ["The profit was QR1.83bn.", "The profit was 1.83 billion riyals.", "Costs were $4,500,000.", "Costs were $4.5 million.", "It was the lowest since the 1990s."]) {
      expect(ask(answer)).not.toContain("answer_unsupported");
    }
    // …and still catches a number that is not there: the "83" of "QR1.83bn" is not a number a reader sees
    expect(ask("The profit was 83 riyals.")).toContain("answer_unsupported");
    expect(ask("Costs were $5.4m.")).toContain("answer_unsupported");
  });

  it("accepts a short answer whose names are in the evidence, however few of its words are", () => {
    const evidence = [{ piece: 1, text: "The satirical site The Onion ran the story first, and AT&T later confirmed the outage in the US." }];
    const q = { ...good, question: "Which publication ran the story first, before it was confirmed?", support: ["The satirical site The Onion ran the story first"], evidence };
    expect(codes({ ...q, answer: "The missing name is The Onion." })).not.toContain("answer_unsupported");
    expect(codes({ ...q, answer: "The missing organisation is AT&T." })).not.toContain("answer_unsupported");
    expect(codes({ ...q, answer: "The missing place is US." })).not.toContain("answer_unsupported");
    expect(codes({ ...q, answer: "The missing name is The Guardian." })).toContain("answer_unsupported");
  });

  it("documents every code it can emit", () => {
    const documented = new Set(QUALITY_CHECKS.map((c) => c.code));
    const emitted = new Set(cases.map(([code]) => code));
    for (const code of emitted) expect(documented.has(code as never)).toBe(true);
    expect(documented.size).toBe(12);
  });
});
