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
  const c = r.context;
  return {
    id: r.id,
    key: r.key,
    type: r.type,
    question: r.question,
    answer: r.answer,
    support: r.support,
    context: c.text,
    context_tokens: c.totalTokens,
    example_tokens: r.exampleTokens,
    tokenizer: c.tokenizer,
    token_offsets: c.tokenOffsets,
    segments: c.spans.map((s) => ({
      segment_id: s.segmentId, segment_key: s.segmentKey, document_id: s.documentId, document_key: s.documentKey, role: s.role, piece: s.piece,
      char_start: s.charStart, char_end: s.charEnd, token_start: s.tokenStart, token_end: s.tokenEnd,
    })),
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
