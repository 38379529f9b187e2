import type { Tokenizer } from "@/lib/tokenize";

/** The IN2 rule written as plainly as possible (recount the joined buffer each time), to check the real one. */
export function naiveSegments(text: string, tokenizer: Pick<Tokenizer, "count">, minTokens: number): string[] {
  if (text === "") return [];
  const out: string[] = [];
  let buffer: string[] = [];
  for (const paragraph of text.split("\n")) {
    buffer.push(paragraph);
    if (tokenizer.count(buffer.join("\n")) >= minTokens) {
      out.push(buffer.join("\n"));
      buffer = [];
    }
  }
  if (buffer.length > 0) {
    const tail = buffer.join("\n");
    const last = out.pop();
    out.push(last === undefined ? tail : `${last}\n${tail}`);
  }
  return out;
}
