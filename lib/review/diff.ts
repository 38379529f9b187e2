/** One run of a word diff: text kept, removed from the old version, or added in the new one. */
export interface DiffPart { op: "same" | "del" | "ins"; text: string }

/** Words with the whitespace that follows them, so joining the parts gives back the exact text. */
function tokens(s: string): string[] {
  return s.match(/\S+\s*|\s+/g) ?? [];
}

/**
 * Word-level diff of two short texts (question, answer, quotes) by longest common subsequence. O(n·m) is fine
 * for a few hundred words; longer texts fall back to "all removed, all added" rather than stall the page.
 */
export function diffWords(before: string, after: string, maxCells = 250_000): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > maxCells) return merge([{ op: "del", text: before }, { op: "ins", text: after }]);
  const key = (t: string) => t.trimEnd();
  // lcs[i][j] = LCS length of a[i..] and b[j..], in one flat array
  const w = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * w + j] = key(a[i]!) === key(b[j]!) ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (key(a[i]!) === key(b[j]!)) { parts.push({ op: "same", text: b[j]! }); i++; j++; }
    else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) parts.push({ op: "del", text: a[i++]! });
    else parts.push({ op: "ins", text: b[j++]! });
  }
  while (i < a.length) parts.push({ op: "del", text: a[i++]! });
  while (j < b.length) parts.push({ op: "ins", text: b[j++]! });
  return merge(parts);
}

function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    if (!p.text) continue;
    const last = out[out.length - 1];
    if (last && last.op === p.op) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/** The generator's own question/answer/support, read defensively: `original` is whatever the generator stored. */
export function originalFields(original: unknown): { question?: string; answer?: string; support?: string[] } {
  if (!original || typeof original !== "object") return {};
  const o = original as Record<string, unknown>;
  return {
    question: typeof o.question === "string" ? o.question : undefined,
    answer: typeof o.answer === "string" ? o.answer : undefined,
    support: Array.isArray(o.support) ? o.support.map(String) : undefined,
  };
}
