import { AppError } from "@/lib/api/errors";
import { loadContextTexts } from "@/lib/contexts";
import type { PiecewiseTuple } from "@/lib/db/binary-copy";
import { pool } from "@/lib/db/client";
import { copyOutRows } from "@/lib/db/copy-out";
import type { LoadedContext, RecipeSpan } from "./types";

/**
 * Export's page loader: one `COPY … TO STDOUT (FORMAT binary)` per page of contexts, in which PostgreSQL joins each
 * context's segments, concatenates them and JSON-escapes the result (`to_json(text)`: the same escapes as
 * JSON.stringify for valid UTF-8 text without NUL, which is all PostgreSQL text can hold). Node receives every
 * context's text as the bytes of a JSON string literal and copies them into the file untouched: no UTF-8 decoding,
 * no string join, no escaping, no re-encoding. `text` and `spans` stay available, decoded on first use (film and
 * chat read the spans for their evidence keys; the dataset layout and non-additive tokenizers read the text).
 *
 * Rebuilds exactly what lib/contexts' loadContextTexts does (long: segments in span order joined by "\n"; short: the
 * source document; keys "<document sha256>:<segment index>"); test/export/bytes.test.ts compares the two.
 */

// One row per context, in the order asked. Spans travel as jsonb text (parsed in Node on first use) with their
// content keys beside them, comma-separated in span order ("" when the segment is gone).
const SELECT = (ids: number[]) => `
SELECT c.id, c.run_id, c.pair_id, c.kind, c.seed, c.total_tokens, c.tokenizer, c.evidence_depths::text, c.token_offsets,
       c.spans::text, x.keys, x.missing,
       CASE WHEN c.kind = 'short' THEN coalesce((SELECT to_json(d.text)::text FROM document d WHERE d.id = p.document_id), '""')
            ELSE coalesce(to_json(x.text)::text, '""') END
FROM unnest('{${ids.join(",")}}'::int[]) WITH ORDINALITY AS q(id, ord)
JOIN context c ON c.id = q.id
JOIN pair p ON p.id = c.pair_id
CROSS JOIN LATERAL (
  SELECT string_agg(s.text, E'\\n' ORDER BY sp.i) AS text,
         string_agg(coalesce(d.sha256 || ':' || s.index, ''), ',' ORDER BY sp.i) AS keys,
         (array_agg((sp.e->>'segmentId')::int ORDER BY sp.i) FILTER (WHERE s.id IS NULL))[1] AS missing
  FROM jsonb_array_elements(c.spans) WITH ORDINALITY AS sp(e, i)
  LEFT JOIN segment s ON s.id = (sp.e->>'segmentId')::int
  LEFT JOIN document d ON d.id = s.document_id
) x
ORDER BY q.ord`;

/** The rows of a `COPY … TO STDOUT (FORMAT binary)`, parsed off the socket as they arrive (lib/db/copy-out.ts). */
async function copyOutTuples(sql: string): Promise<PiecewiseTuple[]> {
  const client = await pool().connect();
  try {
    const tuples: PiecewiseTuple[] = [];
    // piecewise: a context text that straddles socket reads stays in its pieces, which the export writes as they are
    await copyOutRows(client, sql, (t) => tuples.push(t), true);
    return tuples;
  } finally {
    client.release();
  }
}

const pieces = (b: Buffer | Buffer[]) => (Array.isArray(b) ? b : [b]);
/** A field whole (the small ones rarely straddle reads, but may). */
const whole = (b: Buffer | Buffer[] | null) => (Array.isArray(b) ? Buffer.concat(b) : b);
const str = (b: Buffer | Buffer[] | null) => (b === null ? null : whole(b)!.toString("utf8"));
const int = (b: Buffer | Buffer[] | null) => whole(b)!.readInt32BE(0);

/** float8[] text output, parsed as pg parses it (parseFloat per element); NULL → []. */
function floats(b: Buffer | Buffer[] | null): number[] {
  if (b === null) return [];
  const s = whole(b)!.toString("latin1");
  return s === "{}" ? [] : s.slice(1, -1).split(",").map((v) => parseFloat(v));
}

class Prebuilt implements LoadedContext {
  private decodedText?: string;
  private decodedSpans?: RecipeSpan[];
  constructor(
    readonly runId: number, readonly kind: "long" | "short", readonly totalTokens: number, readonly tokenizer: string,
    readonly evidenceDepths: number[], readonly seed: string, readonly tokenOffsets: "exact" | "estimated",
    readonly textJson: readonly Buffer[], private readonly spansJson: string, private readonly keys: string,
  ) {}

  get text(): string {
    return (this.decodedText ??= JSON.parse(Buffer.concat(this.textJson).toString("utf8")) as string);
  }

  get spans(): RecipeSpan[] {
    if (!this.decodedSpans) {
      const spans = JSON.parse(this.spansJson) as RecipeSpan[];
      const keys = spans.length ? this.keys.split(",") : [];
      // the keys appended to the freshly parsed objects, as lib/contexts appends them to its copies
      for (let i = 0; i < spans.length; i++) {
        const s = spans[i]!;
        const k = keys[i] ?? "";
        s.segmentKey = k || null;
        s.documentKey = k ? k.slice(0, k.lastIndexOf(":")) : null;
      }
      this.decodedSpans = spans;
    }
    return this.decodedSpans;
  }

  /**
   * The raw format's `segments` array as JSON, written member by member instead of mapping every span to a new
   * object and stringifying it; null when a span holds anything but the plain values assembly writes (finite
   * numbers, null pieces, string roles and keys), for which the caller takes the generic path.
   */
  segmentsJson(): string | null {
    if (!this.decodedSpans) {
      const direct = segmentsFromJsonb(this.spansJson, this.keys);
      if (direct !== null) return direct;
    }
    const spans = this.spans;
    const out: string[] = new Array<string>(spans.length);
    for (let i = 0; i < spans.length; i++) {
      const { segmentId, segmentKey, documentId, documentKey, role, piece, charStart, charEnd, tokenStart, tokenEnd } = spans[i]!;
      if (!(num(segmentId) && num(documentId) && num(charStart) && num(charEnd) && num(tokenStart) && num(tokenEnd) && (piece === null || num(piece))
        && typeof role === "string")) return null;
      out[i] = `{"segment_id":${segmentId},"segment_key":${segmentKey === null ? "null" : JSON.stringify(segmentKey)},"document_id":${documentId},`
        + `"document_key":${documentKey === null ? "null" : JSON.stringify(documentKey)},"role":${ROLE_JSON.get(role) ?? JSON.stringify(role)},"piece":${piece},`
        + `"char_start":${charStart},"char_end":${charEnd},"token_start":${tokenStart},"token_end":${tokenEnd}}`;
    }
    return `[${out.join(",")}]`;
  }
}

// One span as PostgreSQL prints jsonb: keys by length, then bytewise; ": " and ", " between; integers in plain digits.
const JSONB_SPAN = /\{"role": "(evidence|source|filler)", "piece": (null|\d+), "charEnd": (\d+), "tokenEnd": (\d+), "charStart": (\d+), "segmentId": (\d+), "documentId": (\d+), "tokenStart": (\d+)\}(, |\])/y;

/**
 * The raw `segments` JSON straight from the spans' jsonb text, without parsing it into objects (half the time of
 * parse-then-write, and none of the garbage): the members are matched in the order PostgreSQL prints them and
 * written in the export's order. Null when the text is anything but spans of the plain shape assembly writes, for
 * which the caller parses. The digits are copied as printed, which is what JSON.stringify writes for these integers.
 */
function segmentsFromJsonb(spans: string, keyList: string): string | null {
  if (spans === "[]") return "[]";
  if (spans.charCodeAt(0) !== 91 /* [ */) return null;
  const keys = keyList.split(",");
  let out = "[";
  JSONB_SPAN.lastIndex = 1;
  for (let i = 0; ; i++) {
    const m = JSONB_SPAN.exec(spans);
    if (!m) return null;
    const k = keys[i] ?? "";
    out += `{"segment_id":${m[6]},"segment_key":${k ? JSON.stringify(k) : "null"},"document_id":${m[7]},`
      + `"document_key":${k ? JSON.stringify(k.slice(0, k.lastIndexOf(":"))) : "null"},"role":"${m[1]}","piece":${m[2]},`
      + `"char_start":${m[5]},"char_end":${m[3]},"token_start":${m[8]},"token_end":${m[4]}}`;
    if (m[9] === "]") return JSONB_SPAN.lastIndex === spans.length ? `${out}]` : null;
    out += ",";
  }
}

const ROLE_JSON = new Map(["evidence", "source", "filler"].map((r) => [r, JSON.stringify(r)]));
// a number JSON.stringify writes as String(n) does
const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** The prebuilt raw `segments` JSON of a context from this loader, or null (another store, or unusual spans). */
export function prebuiltSegmentsJson(c: LoadedContext): string | null {
  return c instanceof Prebuilt ? c.segmentsJson() : null;
}

/** The contexts of one page, keyed by id (unknown ids left out), with their texts as JSON bytes. */
export async function loadPrebuiltContexts(ids: number[]): Promise<Map<number, LoadedContext>> {
  const out = new Map<number, LoadedContext>();
  const wanted = [...new Set(ids)];
  if (!wanted.every((id) => Number.isSafeInteger(id))) throw new Error("context ids must be integers");
  if (!wanted.length) return out;
  // COPY takes no parameters: the ids are checked integers, inlined as an array literal
  const irregular: number[] = [];
  for (const f of await copyOutTuples(`COPY (${SELECT(wanted)}) TO STDOUT (FORMAT binary)`)) {
    const id = int(f[0]!);
    const kind = str(f[3]!) === "short" ? "short" : "long";
    const missing = f[11] ?? null;
    if (kind === "long" && missing !== null) throw new AppError("not_found", `segment ${int(missing)} of context ${id} no longer exists`);
    if (str(f[3]!) !== kind) {
      irregular.push(id);
      continue;
    }
    out.set(id, new Prebuilt(int(f[1]!), kind, int(f[5]!), str(f[6]!)!, floats(f[7]!), str(f[4]!)!,
      str(f[8]!) as "exact" | "estimated", pieces(f[12]!), str(f[9]!)!, str(f[10] ?? null) ?? ""));
  }
  // anything this loader does not model takes the general path
  if (irregular.length) {
    for (const c of await loadContextTexts(irregular)) {
      out.set(c.id, { runId: c.runId, text: c.text, spans: c.spans, kind: c.kind, totalTokens: c.totalTokens, tokenizer: c.tokenizer,
        evidenceDepths: c.evidenceDepths, seed: c.seed, tokenOffsets: c.tokenOffsets });
    }
  }
  return out;
}
