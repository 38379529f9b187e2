import { describe, expect, it } from "vitest";
import { corpusSentenceItems, splitSentences } from "./sentences";

describe("corpus sentences", () => {
  it("splits prose into sentences at terminal punctuation and paragraph breaks", () => {
    expect(splitSentences("The vote was 5-2. Dr. Smith left early!  \"Why?\" he asked.\nNew paragraph here"))
      .toEqual(["The vote was 5-2.", "Dr.", "Smith left early!", "\"Why?\" he asked.", "New paragraph here"]);
  });

  it("keeps usable sentences once, each with a seeded 8-word piece taken from it", () => {
    const long = "The city council voted on Tuesday to approve a new budget for the harbour festival next summer.";
    const items = corpusSentenceItems([`${long} Short one. ${long}`, "Another   sentence that is long enough to be used as a probing target today."], 3);
    expect(items.map((i) => i.answer)).toEqual([long, "Another sentence that is long enough to be used as a probing target today."]);
    for (const i of items) {
      expect(i.key.split(" ")).toHaveLength(8);
      expect(i.answer).toContain(i.key);
    }
    expect(corpusSentenceItems([long], 3)).toEqual(corpusSentenceItems([long], 3));
  });
});
