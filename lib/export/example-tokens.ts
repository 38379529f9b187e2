import type { Tokenizer } from "@/lib/tokenize";
import { FILM_PREAMBLE } from "./formats";
import type { ExportFormat } from "./params";

/**
 * Tokens of a whole training example: template, context, question and answer, counted with the corpus tokenizer
 * (no BOS/EOS). film and raw: count(FILM prompt) + count(answer); chat: count(user message) + count(answer), the
 * role markers of a model's chat template not included (they depend on the model).
 *
 * The 32K-token context is not re-tokenized for every row when the tokenizer is additive across "\n" on these
 * texts (lib/tokenize proves it per text): the prompt is `head \n context \n tail`, so its count is
 * count(head) + count(context) + count(tail) + 2 separators, with count(context) the stored total. Otherwise the
 * prompt is counted whole. Either way the number is exact.
 */
export function exampleTokens(
  tokenizer: Tokenizer,
  format: ExportFormat,
  context: { text: string; totalTokens: number; tokenOffsets?: "exact" | "estimated" },
  question: string,
  answer: string,
): number {
  const inst = format !== "chat";
  const head = `${inst ? "[INST] " : ""}${FILM_PREAMBLE}\n\n### Context:`;
  const tail = `\n### Instruction:\n${question}${inst ? " [/INST]" : ""}`;
  const additive = tokenizer.newlineAdditivity;
  let prompt: number;
  // "exact" offsets were proven with holds() on every segment at assembly: no need to rescan a 100 KB context
  const contextHolds = (additive && (context.tokenOffsets === "exact" || additive.holds(context.text))) ?? false;
  if (additive && contextHolds && additive.holds(head) && additive.holds(tail)) {
    prompt = tokenizer.count(head) + context.totalTokens + tokenizer.count(tail) + 2 * additive.separatorTokens;
  } else {
    prompt = tokenizer.count(`${head}\n${context.text}\n${tail}`);
  }
  return prompt + tokenizer.count(answer);
}
