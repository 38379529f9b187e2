import { prebuiltSegmentsJson } from "./context-bytes";
import type { ExportFormat } from "./params";
import type { ExportRecord } from "./types";

/** The FILM-7B training template (An et al., 2024), word for word. */
export const FILM_PREAMBLE =
  "Below is a context and an instruction. Based on the information provided in the context, write a response for the instruction.";

/** The user turn without the [INST] markers: the chat format's user message, and the core of the FILM prompt. */
export function instruction(context: string, question: string): string {
  return `${FILM_PREAMBLE}\n\n### Context:\n${context}\n\n### Instruction:\n${question}`;
}

export function filmPrompt(context: string, question: string): string {
  return `[INST] ${instruction(context, question)} [/INST]`;
}

/** The content keys of the context's evidence segments, in piece order. */
function evidenceKeys(r: ExportRecord): (string | null)[] {
  return r.context.spans.filter((s) => s.role === "evidence").sort((a, b) => (a.piece ?? 0) - (b.piece ?? 0)).map((s) => s.segmentKey);
}

/**
 * Traces a training row back to its pair by content keys only (pair, document, evidence segments), so the same content
 * exports the same bytes from any database; small on purpose (the raw format carries everything, ids included).
 */
function meta(r: ExportRecord) {
  return { pair_key: r.key, document_key: r.documentKey, segment_keys: evidenceKeys(r), type: r.type, context_tokens: r.context.totalTokens,
    example_tokens: r.exampleTokens, evidence_depths: r.context.evidenceDepths, seed: r.context.seed };
}

// Object literals below fix the key order of every line: JSON.stringify keeps insertion order.
function film(r: ExportRecord) {
  return { prompt: filmPrompt(r.context.text, r.question), completion: r.answer, meta: meta(r) };
}

function chat(r: ExportRecord) {
  return {
    messages: [
      { role: "user", content: instruction(r.context.text, r.question) },
      { role: "assistant", content: r.answer },
    ],
    meta: meta(r),
  };
}

function raw(r: ExportRecord) {
  return { ...rawHead(r), context: r.context.text, ...rawTail(r) };
}

// raw's members before and after the context, split so that the prebuilt path never touches the text
function rawHead(r: ExportRecord) {
  return { id: r.id, key: r.key, type: r.type, question: r.question, answer: r.answer, support: r.support };
}

function rawTail(r: ExportRecord) {
  return { ...rawBeforeSegments(r), segments: rawSegments(r), ...rawAfterSegments(r) };
}

function rawBeforeSegments(r: ExportRecord) {
  const c = r.context;
  return { context_tokens: c.totalTokens, example_tokens: r.exampleTokens, tokenizer: c.tokenizer, token_offsets: c.tokenOffsets };
}

function rawSegments(r: ExportRecord) {
  return r.context.spans.map((s) => ({
    segment_id: s.segmentId, segment_key: s.segmentKey, document_id: s.documentId, document_key: s.documentKey, role: s.role, piece: s.piece,
    char_start: s.charStart, char_end: s.charEnd, token_start: s.tokenStart, token_end: s.tokenEnd,
  }));
}

function rawAfterSegments(r: ExportRecord) {
  const c = r.context;
  return {
    evidence_depths: c.evidenceDepths,
    source: { document_id: r.documentId, document_key: r.documentKey, url: r.url },
    generator: { provider: r.provider, model: r.model, prompt_version: r.promptVersion },
    review: { status: r.status, edited: r.edited, reviewer: r.reviewer },
    seed: c.seed,
  };
}

const FORMATTERS = { film, chat, raw } satisfies Record<ExportFormat, (r: ExportRecord) => unknown>;

/** One JSON Lines row (with its newline) for a record in the given format. */
export function formatLine(format: ExportFormat, r: ExportRecord): string {
  return `${JSON.stringify(FORMATTERS[format](r))}\n`;
}

/** The inside of a JSON string literal: JSON escaping is per character, so inner(a + b) = inner(a) + inner(b). */
const inner = (s: string) => JSON.stringify(s).slice(1, -1);
/** An object's members without the braces (every object here has a defined first member, so never empty). */
const members = (o: object) => JSON.stringify(o).slice(1, -1);
const CONTEXT_HEAD = inner(`${FILM_PREAMBLE}\n\n### Context:\n`);
const INST_CONTEXT_HEAD = inner("[INST] ") + CONTEXT_HEAD;
// the JSON text of a prebuilt context without its quotes (the first byte of its first piece, the last of its last)
function contextInner(pieces: readonly Buffer[]): Buffer[] {
  const out = [...pieces];
  out[0] = out[0]!.subarray(1);
  out[out.length - 1] = out.at(-1)!.subarray(0, out.at(-1)!.length - 1);
  return out.filter((b) => b.length > 0);
}

/**
 * The same row as formatLine, as pieces to write one after another: when the context came from the database as
 * JSON bytes (context-bytes.ts), those bytes go out as they are, and only the small fields around them are
 * stringified here. Byte for byte what formatLine gives (test/export/bytes.test.ts).
 */
export function formatParts(format: ExportFormat, r: ExportRecord): (string | Buffer)[] {
  const c = r.context;
  if (!c.textJson?.length) return [formatLine(format, r)];
  const json = c.textJson;
  const tail = inner(`\n\n### Instruction:\n${r.question}`);
  switch (format) {
    case "raw": {
      const segments = prebuiltSegmentsJson(c);
      const tail = segments === null ? members(rawTail(r))
        : `${members(rawBeforeSegments(r))},"segments":${segments},${members(rawAfterSegments(r))}`;
      return [`{${members(rawHead(r))},"context":`, ...json, `,${tail}}\n`];
    }
    case "film":
      return [`{"prompt":"${INST_CONTEXT_HEAD}`, ...contextInner(json), `${tail}${inner(" [/INST]")}",${members({ completion: r.answer, meta: meta(r) })}}\n`];
    case "chat":
      return [`{"messages":[{"role":"user","content":"${CONTEXT_HEAD}`, ...contextInner(json),
        `${tail}"},${JSON.stringify({ role: "assistant", content: r.answer })}],${members({ meta: meta(r) })}}\n`];
  }
}
