// The package ships plain JS without types; this declares only what we use.
declare module "mistral-tokenizer-js" {
  export interface MistralReferenceTokenizer {
    encode(
      prompt: string,
      addBosToken?: boolean,
      addPrecedingSpace?: boolean,
      logPerformance?: boolean,
    ): number[] | undefined;
    decode(ids: number[], addBosToken?: boolean, addPrecedingSpace?: boolean): string;
    readonly vocabById: readonly string[];
    readonly vocabByString: ReadonlyMap<string, number>;
    /** "left right" (token strings joined by one space) → merge priority; lower merges first. */
    readonly merges: ReadonlyMap<string, number>;
  }
  const mistralTokenizer: MistralReferenceTokenizer;
  export default mistralTokenizer;
}
