import { describe, expect, it } from "vitest";
import { findMetaPhrase } from "./meta-phrases";

describe("findMetaPhrase", () => {
  it.each([
    "According to the context, who won the vote?",
    "According to the passage, what happened next?",
    "Based on the context provided, why did the board delay?",
    "What does the passage say about the incentives?",
    "Which company is named in the text above?",
    "In the given text, who opposed the deal?",
    "What figure is mentioned in the passage for the grant?",
    "As stated in the article, what is the HQ2 job count?",
    "What does the text say about housing?",
    "How do Piece 2 and Piece 4 relate?",
    "Combining both pieces, what changed?",
    "The details provided suggest the vote was close.",
    "As described above, the county agreed.",
    "Why did the board vote, according to the article?",
    "Who signed the package \u2014 according to the document?",
  ])("flags %j", (text) => {
    expect(findMetaPhrase(text)).not.toBeNull();
  });

  it.each([
    "What did lawmakers say after the passage of the bill?",
    "According to the report, how many jobs will Amazon bring?",
    "In the context of the 2018 contest, why did Arlington win?",
    "What does the text of the agreement require from Amazon?",
    "Which article of the constitution did the governor cite?",
    "How many pieces of legislation did the General Assembly pass?",
    "What did she text her brother before the storm?",
    "Who wrote the story about the outbreak?",
  ])("does not flag news language: %j", (text) => {
    expect(findMetaPhrase(text)).toBeNull();
  });
});
