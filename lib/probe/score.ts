import type { ProbeStyle } from "./types";

/**
 * The paper's scorers (FILM, VaLProbing/plot.py), kept literal so our numbers compare with its figures:
 * document = recall of the answer's lower-cased whitespace words; code = the name (trailing dots stripped)
 * occurs in the reply, case-sensitive; database = label or description occurs in the reply, case-insensitive.
 */
export function wordRecall(answer: string, reply: string): number {
  const gold = new Set(answer.trim().toLowerCase().split(/\s+/).filter(Boolean));
  if (gold.size === 0) return 0;
  const got = new Set(reply.trim().toLowerCase().split(/\s+/));
  let hit = 0;
  for (const w of gold) if (got.has(w)) hit++;
  return hit / gold.size;
}

const stripDots = (s: string) => s.replace(/^\.+|\.+$/g, "");

export function nameMatch(name: string, reply: string): number {
  const n = stripDots(name);
  return n && reply.includes(n) ? 1 : 0;
}

export function labelOrDescriptionMatch(label: string, description: string, reply: string): number {
  const r = reply.toLowerCase();
  // An empty field would match every reply; only non-empty ones count.
  const hit = [label, description].some((f) => {
    const s = stripDots(f).toLowerCase();
    return s.length > 0 && r.includes(s);
  });
  return hit ? 1 : 0;
}

export function scoreReply(style: ProbeStyle, example: { answer: string; meta: Record<string, unknown> }, reply: string): number {
  switch (style) {
    case "document":
      return wordRecall(example.answer, reply);
    case "code":
      return nameMatch(example.answer, reply);
    case "database":
      return labelOrDescriptionMatch(String(example.meta.label ?? ""), String(example.meta.description ?? ""), reply);
  }
}
