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

/**
 * The cut rule written plainly: paragraphs of more than `maxParagraphTokens` tokens become their sentences (each
 * with the text between it and the previous one), then the same buffer rule runs over those units.
 */
export function naiveCutSegments(
  text: string, tokenizer: Pick<Tokenizer, "count">, minTokens: number, maxParagraphTokens: number,
  sentences: (paragraph: string) => { start: number; end: number }[],
): { text: string; sepBefore: string }[] {
  if (text === "") return [];
  const units: { text: string; sep: string }[] = [];
  text.split("\n").forEach((paragraph, i) => {
    const sep = i === 0 ? "" : "\n";
    const spans = tokenizer.count(paragraph) > maxParagraphTokens ? sentences(paragraph) : [];
    if (spans.length < 2) return units.push({ text: paragraph, sep });
    let at = 0;
    spans.forEach((s, k) => {
      const end = k === spans.length - 1 ? paragraph.length : s.end;
      units.push({ text: paragraph.slice(at, end), sep: k === 0 ? sep : "" });
      at = end;
    });
    // the text between two sentences is the separator of the second, not part of the first
    for (let k = units.length - spans.length + 1; k < units.length; k++) {
      const u = units[k]!;
      const lead = u.text.length - u.text.trimStart().length;
      u.sep = u.text.slice(0, lead);
      u.text = u.text.slice(lead);
    }
  });
  const out: { text: string; sepBefore: string }[] = [];
  let buffer: { text: string; sep: string }[] = [];
  const join = (us: { text: string; sep: string }[]) => us.map((u, k) => (k === 0 ? "" : u.sep) + u.text).join("");
  for (const unit of units) {
    buffer.push(unit);
    if (tokenizer.count(join(buffer)) >= minTokens) {
      out.push({ text: join(buffer), sepBefore: buffer[0]!.sep });
      buffer = [];
    }
  }
  if (buffer.length > 0) {
    const last = out.pop();
    out.push(last === undefined ? { text: join(buffer), sepBefore: "" } : { text: last.text + buffer[0]!.sep + join(buffer), sepBefore: last.sepBefore });
  }
  return out;
}
