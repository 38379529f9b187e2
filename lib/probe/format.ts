import type { ProbeItem, ProbeStyle } from "./types";

/**
 * How the paper's pieces read in a context and what the question asks. The prompt follows the paper's
 * probing style: the whole context first, then one instruction that quotes the key and names the answer's form.
 */
export interface DocumentPiece { sentence: string; piece: string }
export interface CodePiece { function_name: string; function_define: string; piece: string }
export interface DatabasePiece { id: string; label: string; dcpt: string }

export function documentItem(p: DocumentPiece): ProbeItem {
  return { text: p.sentence.trim(), key: p.piece.trim(), answer: p.sentence.trim(), meta: {} };
}

export function codeItem(p: CodePiece): ProbeItem {
  const body = p.function_define.replace(/\s+$/, "");
  return { text: `def ${p.function_name}():\n${body}`, key: p.piece.trim(), answer: p.function_name, meta: {} };
}

export function databaseItem(p: DatabasePiece): ProbeItem {
  const record = JSON.stringify({ id: p.id, label: p.label, description: p.dcpt });
  return { text: record, key: p.id, answer: `${p.label}: ${p.dcpt}`, meta: { label: p.label, description: p.dcpt } };
}

/** Between items: prose for sentences, a blank line between functions, one record per line. */
export const SEPARATOR: Record<ProbeStyle, string> = { document: " ", code: "\n\n", database: "\n" };

/** Between the context and the instruction. */
export const INSTRUCTION_SEPARATOR = "\n\n";

export function question(style: ProbeStyle, key: string): string {
  switch (style) {
    case "document":
      return `In the above context, which sentence contains the piece "${key}"? Output the complete sentence.`;
    case "code":
      return `In the above context, which function contains the code line "${key}"? Output the function name.`;
    case "database":
      return `In the above context, what are the label and description of the entity whose id is "${key}"? Output the label and the description.`;
  }
}

export function prompt(context: string, questionText: string): string {
  return `${context}${INSTRUCTION_SEPARATOR}${questionText}`;
}

/**
 * The string whose repetition makes an example ambiguous. Entity ids are searched with their quotes, so
 * "Q12" is not counted inside "Q123".
 */
export function ambiguityNeedle(style: ProbeStyle, key: string): string {
  return style === "database" ? JSON.stringify(key) : key;
}

export function countOccurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}
