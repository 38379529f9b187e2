export interface Tokenizer {
  readonly name: string;
  /** Token ids of `text`, without BOS/EOS or any added prefix space. */
  encode(text: string): number[];
  /** Same as `encode(text).length`, usually without allocating the ids. */
  count(text: string): number;
  /**
   * Present only when the tokenizer can prove newline additivity, which lets segmentation sum paragraph counts
   * instead of re-tokenizing a growing buffer: for paragraphs a, b (no "\n") with holds(a) && holds(b),
   * count(a + "\n" + b) === count(a) + separatorTokens + count(b), and holds(a + "\n" + b) is true as well.
   */
  readonly newlineAdditivity?: NewlineAdditivity;
}

export interface NewlineAdditivity {
  readonly separatorTokens: number;
  holds(paragraph: string): boolean;
}
